package gfs.shell.interactive;

import gfs.shell.Session;
import gfs.shell.ShellContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The ways `gfs shell` runs: interactive on a terminal, or the commands of -c or a script. */
public final class Shells {
  private Shells() {}

  /** On a terminal: line editing, history in historyFile, completion, the prompt. */
  public static int interactive(ShellContext context, Session session, Path historyFile)
      throws IOException {
    ShellRunner runner = new ShellRunner(context.withStdin(InputStream.nullInputStream()), session);
    String cluster = Prompt.clusterName(session.clientDefaults(), context);
    return new InteractiveShell(runner, cluster, historyFile).run();
  }

  /** `gfs shell -c TEXT`: the commands read the shell's own stdin. */
  public static int text(ShellContext context, Session session, String text, boolean keepGoing) {
    return new ScriptShell(new ShellRunner(context, session), context.err(), keepGoing)
        .runText(text);
  }

  /** `gfs shell < script`: stdin is the script, so the commands read none. */
  public static int script(ShellContext context, Session session, boolean keepGoing)
      throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(context.stdin(),
        StandardCharsets.UTF_8));
    ShellRunner runner = new ShellRunner(context.withStdin(InputStream.nullInputStream()), session);
    return new ScriptShell(runner, context.err(), keepGoing).runScript(in);
  }
}

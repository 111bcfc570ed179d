package gfs.shell.interactive;

import gfs.client.ClientConfig;
import gfs.client.FileStatus;
import gfs.client.GfsClient;
import gfs.shell.ClientOptions;
import gfs.shell.ClusterDiscovery;
import gfs.shell.Session;
import gfs.shell.ShellContext;
import gfs.shell.command.RemotePaths;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Tab completion in `gfs shell`: command names, subcommands and options from the picocli specs,
 * gfs paths by listing the remote directory of the word (relative to the current one), local
 * paths for put's and get's LOCAL.
 */
final class ShellCompleter implements Completer {
  /** Bound on one remote listing for completion, so a Tab never hangs the prompt for long. */
  static final long LIST_TIMEOUT_MS = 3_000;

  private final CommandLine root;
  private final ShellContext context;
  private final Session session;

  ShellCompleter(CommandLine root, ShellContext context, Session session) {
    this.root = root;
    this.context = context;
    this.session = session;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    int index = Math.min(line.wordIndex(), words.size());
    int start = 0;
    for (int i = 0; i < index; i++) {
      if (words.get(i).endsWith(";")) {
        start = i + 1;
      }
    }
    String current = index < words.size() ? line.word().substring(0, line.wordCursor()) : "";
    WordContext word = WordContext.of(root, words.subList(start, index), current);
    switch (word.kind()) {
      case COMMAND -> {
        root.getSubcommands().keySet().forEach(name -> candidates.add(new Candidate(name)));
        ShellRunner.BUILTINS.keySet().forEach(name -> candidates.add(new Candidate(name)));
      }
      case SUBCOMMAND -> word.spec().subcommands().keySet()
          .forEach(name -> candidates.add(new Candidate(name)));
      case OPTION -> {
        for (OptionSpec option : word.spec().options()) {
          for (String name : option.names()) {
            candidates.add(new Candidate(name));
          }
        }
      }
      case REMOTE, REMOTE_DIRECTORY -> add(candidates, PathCompletion.complete(current,
          word.kind() == WordContext.Kind.REMOTE_DIRECTORY, this::listRemote));
      case LOCAL -> add(candidates, PathCompletion.complete(current, false,
          PathCompletion::listLocal));
      case NONE -> { }
    }
  }

  private static void add(List<Candidate> candidates, List<PathCompletion.Completion> paths) {
    for (PathCompletion.Completion path : paths) {
      candidates.add(new Candidate(path.value(), path.display(), null, null, null, null,
          path.complete()));
    }
  }

  /** The remote directory a word's directory part names, relative to the current directory. */
  private List<PathCompletion.Name> listRemote(String directoryWord) throws Exception {
    String directory = directoryWord.isEmpty() ? session.directory()
        : RemotePaths.resolve(session.directory(), directoryWord);
    ClientOptions options = session.clientDefaults();
    ClientConfig config = ClusterDiscovery.load(ClusterDiscovery.resolve(options, context),
        LIST_TIMEOUT_MS);
    GfsClient client = session.client(config);
    List<PathCompletion.Name> names = new ArrayList<>();
    for (FileStatus status : client.list(directory)) {
      names.add(new PathCompletion.Name(status.name(), status.directory()));
    }
    return names;
  }
}

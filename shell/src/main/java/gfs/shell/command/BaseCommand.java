package gfs.shell.command;

import gfs.shell.CommonOptions;
import gfs.shell.Main;
import gfs.shell.Session;
import gfs.shell.ShellContext;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command has: the shell context and --json / --debug. */
public abstract class BaseCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private CommonOptions common;

  /** The top-level command, however deep this one is nested (gfs admin masters). */
  protected Main main() {
    return (Main) spec.root().userObject();
  }

  /** "gfs ls", "gfs admin masters": for messages. */
  protected String qualifiedName() {
    return spec.qualifiedName(" ");
  }

  protected CommandSpec spec() {
    return spec;
  }

  protected ShellContext context() {
    return main().context();
  }

  protected Session session() {
    return main().session();
  }

  /** A gfs path from the command line, made absolute against the current directory. */
  protected String remote(String path) throws UsageException {
    return RemotePaths.resolve(session().directory(), path);
  }

  protected List<String> remotes(List<String> paths) throws UsageException {
    List<String> resolved = new ArrayList<>(paths.size());
    for (String path : paths) {
      resolved.add(remote(path));
    }
    return resolved;
  }

  public boolean json() {
    return common.json() || main().commonOptions().json() || session().json();
  }

  public boolean debug() {
    return common.debug() || main().commonOptions().debug() || session().debug();
  }

  protected Output output() {
    return new Output(context().out(), json());
  }
}

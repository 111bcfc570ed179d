package gfs.shell.command;

import gfs.shell.CommonOptions;
import gfs.shell.Main;
import gfs.shell.ShellContext;
import gfs.shell.output.Output;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** What every command has: the shell context and --json / --debug. */
public abstract class BaseCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Mixin private CommonOptions common;

  protected Main main() {
    return main;
  }

  protected ShellContext context() {
    return main.context();
  }

  public boolean json() {
    return common.json() || main.commonOptions().json();
  }

  public boolean debug() {
    return common.debug() || main.commonOptions().debug();
  }

  protected Output output() {
    return new Output(context().out(), json());
  }
}

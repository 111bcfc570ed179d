package gfs.shell.command;

import gfs.shell.StaleOption;
import picocli.CommandLine.Mixin;

/**
 * A command that only reads: its metadata may come from any master with --stale, and from a
 * follower or shadow anyway when no leader answers (the client's fallback).
 */
public abstract class ReadCommand extends ClientCommand {
  @Mixin private StaleOption staleOption;

  @Override
  protected final boolean readsOnly() {
    return true;
  }

  @Override
  protected final boolean staleAfterCommand() {
    return staleOption.stale();
  }
}

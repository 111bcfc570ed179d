package gfs.shell.interactive;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What the word being completed is, from the words before it on the line, read against the
 * commands' picocli specs: a command name, a subcommand, an option, a remote or local path.
 */
record WordContext(Kind kind, CommandSpec spec) {
  enum Kind { COMMAND, SUBCOMMAND, OPTION, REMOTE, REMOTE_DIRECTORY, LOCAL, NONE }

  /** Labels of positional parameters that name gfs paths. */
  static final Set<String> REMOTE_LABELS = Set.of("REMOTE", "PATH", "SRC", "DST", "DELETED", "TARGET");

  /**
   * The context of the word after `before` (the words of the current command typed so far);
   * current is the start of the word itself (to tell an option from a path).
   */
  static WordContext of(CommandLine root, List<String> before, String current) {
    if (before.isEmpty()) {
      return new WordContext(Kind.COMMAND, root.getCommandSpec());
    }
    String name = before.get(0);
    if (name.equals("cd")) {
      return new WordContext(before.size() == 1 ? Kind.REMOTE_DIRECTORY : Kind.NONE, null);
    }
    if (name.equals("help")) {
      CommandSpec spec = root.getCommandSpec();
      for (String word : before.subList(1, before.size())) {
        CommandLine sub = spec.subcommands().get(word);
        if (sub == null) {
          return new WordContext(Kind.NONE, null);
        }
        spec = sub.getCommandSpec();
      }
      return new WordContext(before.size() == 1 ? Kind.COMMAND : Kind.SUBCOMMAND, spec);
    }
    CommandLine command = root.getSubcommands().get(name);
    if (command == null) {
      return new WordContext(Kind.NONE, null);
    }
    int at = 1;
    while (at < before.size() && command.getSubcommands().containsKey(before.get(at))) {
      command = command.getSubcommands().get(before.get(at));
      at++;
    }
    CommandSpec spec = command.getCommandSpec();
    if (current.startsWith("-")) {
      return new WordContext(Kind.OPTION, spec);
    }
    int positional = 0;
    for (int i = at; i < before.size(); i++) {
      String word = before.get(i);
      OptionSpec option = word.startsWith("-") && !word.equals("-") && !word.contains("=")
          ? spec.findOption(word) : null;
      if (option != null && option.arity().max() > 0 && !isBoolean(option)) {
        if (i == before.size() - 1) {
          return new WordContext(Kind.NONE, spec); // the word is this option's value
        }
        i++;
      } else if (!word.startsWith("-") || word.equals("-")) {
        positional++;
      }
    }
    if (positional == 0 && at == before.size() && !spec.subcommands().isEmpty()) {
      return new WordContext(Kind.SUBCOMMAND, spec);
    }
    for (PositionalParamSpec parameter : spec.positionalParameters()) {
      if (parameter.index().contains(positional)) {
        return new WordContext(kindOf(parameter.paramLabel()), spec);
      }
    }
    return new WordContext(Kind.NONE, spec);
  }

  /** LOCAL or LOCAL|- is a local path; REMOTE, PATH, SRC... a gfs one. */
  static Kind kindOf(String label) {
    if (label.startsWith("LOCAL")) {
      return Kind.LOCAL;
    }
    return REMOTE_LABELS.contains(label) ? Kind.REMOTE : Kind.NONE;
  }

  private static boolean isBoolean(OptionSpec option) {
    Class<?> type = option.type();
    return type == boolean.class || type == Boolean.class;
  }
}

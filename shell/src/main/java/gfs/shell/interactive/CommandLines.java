package gfs.shell.interactive;

import gfs.shell.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits shell input into commands and their words, as a POSIX shell would for the simple
 * cases: blanks separate words; ';' and line ends separate commands; '#' at the start of a
 * word starts a comment; 'single quotes' keep everything, "double quotes" keep everything but
 * \" and \\; a backslash outside quotes keeps the next character. Nothing is expanded.
 */
public final class CommandLines {
  /** Longest input split at once (a script line, or all of `gfs shell -c`). */
  static final int MAX_CHARS = 1 << 20;

  private CommandLines() {}

  /** The commands in text, each a non-empty list of words; empty commands are dropped. */
  public static List<List<String>> split(String text) throws UsageException {
    if (text.length() > MAX_CHARS) {
      throw new UsageException("command text of " + text.length() + " characters is longer than "
          + MAX_CHARS);
    }
    List<List<String>> commands = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = null;  // null between words
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ';' || c == '\n') {
        word = endWord(words, word);
        endCommand(commands, words);
        words = new ArrayList<>();
        i++;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        word = endWord(words, word);
        i++;
      } else if (c == '#' && word == null) {
        while (i < text.length() && text.charAt(i) != '\n') {
          i++;
        }
      } else {
        if (word == null) {
          word = new StringBuilder();
        }
        i = readWordPart(text, i, word);
      }
    }
    endWord(words, word);
    endCommand(commands, words);
    return commands;
  }

  /** Reads one character, escape or quoted run into word; returns the index after it. */
  private static int readWordPart(String text, int start, StringBuilder word) throws UsageException {
    char c = text.charAt(start);
    if (c == '\\') {
      if (start + 1 < text.length()) {
        char next = text.charAt(start + 1);
        if (next != '\n') {
          word.append(next);  // a backslash before a line end joins the lines
        }
        return start + 2;
      }
      word.append('\\');
      return start + 1;
    }
    if (c == '\'') {
      int end = text.indexOf('\'', start + 1);
      if (end < 0) {
        throw new UsageException("unterminated ' quote in: " + oneLine(text));
      }
      word.append(text, start + 1, end);
      return end + 1;
    }
    if (c == '"') {
      int i = start + 1;
      while (i < text.length() && text.charAt(i) != '"') {
        char d = text.charAt(i);
        if (d == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
          word.append(text.charAt(i + 1));
          i += 2;
        } else {
          word.append(d);
          i++;
        }
      }
      if (i >= text.length()) {
        throw new UsageException("unterminated \" quote in: " + oneLine(text));
      }
      return i + 1;
    }
    word.append(c);
    return start + 1;
  }

  private static StringBuilder endWord(List<String> words, StringBuilder word) {
    if (word != null) {
      words.add(word.toString());
    }
    return null;
  }

  private static void endCommand(List<List<String>> commands, List<String> words) {
    if (!words.isEmpty()) {
      commands.add(List.copyOf(words));
    }
  }

  private static String oneLine(String text) {
    String line = text.replace('\n', ' ').trim();
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }
}

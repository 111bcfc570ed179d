package gfs.shell.output;

import java.io.PrintStream;

/** Where a command's result goes: text for people, or one JSON value per line with --json. */
public final class Output {
  private final PrintStream out;
  private final boolean json;

  public Output(PrintStream out, boolean json) {
    this.out = out;
    this.json = json;
  }

  public boolean json() {
    return json;
  }

  public void line(String text) {
    out.println(text);
  }

  public void table(Table table) {
    table.lines().forEach(out::println);
  }

  public void json(Object value) {
    out.println(Json.write(value));
  }

  public PrintStream stream() {
    return out;
  }
}

package gfs.shell.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A table for people: a header row, columns padded to their widest cell and two spaces
 * apart, numbers right-aligned, no trailing blanks.
 */
public final class Table {
  public enum Align { LEFT, RIGHT }

  private final List<String> headers = new ArrayList<>();
  private final List<Align> aligns = new ArrayList<>();
  private final List<List<String>> rows = new ArrayList<>();

  public Table column(String header, Align align) {
    headers.add(header);
    aligns.add(align);
    return this;
  }

  public Table left(String header) {
    return column(header, Align.LEFT);
  }

  public Table right(String header) {
    return column(header, Align.RIGHT);
  }

  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + headers.size() + " columns");
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object cell : cells) {
      row.add(cell == null ? "-" : String.valueOf(cell));
    }
    rows.add(row);
    return this;
  }

  public int rowCount() {
    return rows.size();
  }

  /** The lines of the table, header first. */
  public List<String> lines() {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    List<String> lines = new ArrayList<>(rows.size() + 1);
    lines.add(render(headers, widths));
    for (List<String> row : rows) {
      lines.add(render(row, widths));
    }
    return lines;
  }

  @Override
  public String toString() {
    return String.join("\n", lines()) + "\n";
  }

  private String render(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      int pad = widths[c] - cell.length();
      if (c > 0) {
        line.append("  ");
      }
      if (aligns.get(c) == Align.RIGHT) {
        line.append(" ".repeat(pad)).append(cell);
      } else {
        line.append(cell);
        if (c < cells.size() - 1) {
          line.append(" ".repeat(pad));
        }
      }
    }
    return line.toString().stripTrailing();
  }
}

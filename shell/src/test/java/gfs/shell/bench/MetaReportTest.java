package gfs.shell.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetaReportTest {
  @Test
  void countsReadAsEnglish() {
    assertEquals("1 entry", MetaReport.plural(1, "entry"));
    assertEquals("1,074 entries", MetaReport.plural(1_074, "entry"));
    assertEquals("0 shadows", MetaReport.plural(0, "shadow"));
    assertEquals("10 SIGKILLs", MetaReport.plural(10, "SIGKILL"));
  }
}

package gfs.shell.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
  @Test
  void g1HeapInfoAsJcmdPrintsIt() throws IOException {
    String g1 = """
        12345:
         garbage-first heap   total 65536K, used 23456K [0x00000000e0000000, 0x0000000100000000)
          region size 1024K, 5 young (5120K), 0 survivors (0K)
         Metaspace       used 45678K, committed 46080K, reserved 1114112K
          class space    used 5678K, committed 5888K, reserved 1048576K
        """;
    assertArrayEquals(new long[] {23456L * 1024, 65536L * 1024}, ProcessMemory.heap(g1));
  }

  @Test
  void generationalHeapsAreSummed() throws IOException {
    String serial = """
        12345:
         def new generation   total 9792K, used 1000K [0x...)
          eden space 8704K,  11% used [0x...)
         tenured generation   total 21888K, used 2000K [0x...)
         Metaspace       used 100K, committed 200K, reserved 300K
        """;
    assertArrayEquals(new long[] {3000L * 1024, 31680L * 1024}, ProcessMemory.heap(serial));
  }

  @Test
  void rssFromProcStatus() throws IOException {
    assertEquals(412_345L * 1024,
        ProcessMemory.rssBytes("Name:\tjava\nVmPeak:\t 999 kB\nVmRSS:\t  412345 kB\nThreads:\t40\n"));
    assertThrows(IOException.class, () -> ProcessMemory.rssBytes("Name:\tjava\n"));
    assertThrows(IOException.class, () -> ProcessMemory.heap("12345:\nAttach failed\n"));
  }

  @Test
  void peakRssIsTheHighWaterMarkNotThePeakVirtualSize() throws IOException {
    String status = "Name:\tjava\nVmPeak:\t 9999999 kB\nVmHWM:\t  634567 kB\nVmRSS:\t  412345 kB\n";
    assertEquals(634_567L * 1024, ProcessMemory.peakRssBytes(status));
    assertThrows(IOException.class, () -> ProcessMemory.peakRssBytes("VmRSS:\t 1 kB\n"));
  }

  @Test
  void thisProcessHasAResidentSetNoLargerThanItsPeak() throws IOException {
    long[] resident = ProcessMemory.residentBytes(ProcessHandle.current().pid());
    assertTrue(resident[0] > 0 && resident[0] <= resident[1], resident[0] + " / " + resident[1]);
  }
}

package gfs.shell.command;

import gfs.client.FileChecksum;
import gfs.client.GfsClient;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import gfs.shell.output.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "checksum", mixinStandardHelpOptions = true,
    description = {"The CRC32C (Castagnoli) of each file's content and the length it covers: the"
        + " value java.util.zip.CRC32C gives over the bytes `gfs cat` prints.",
        "It is composed from the checksums the chunkservers keep for every 64 KB block, so no data"
            + " is read or sent, and it is the same whichever replicas answer (one per chunk, the"
            + " next one if it fails), as long as they hold the same bytes."})
public final class ChecksumCommand extends ReadCommand {
  @Parameters(paramLabel = "REMOTE", arity = "1..*") List<String> paths;

  @Override
  protected void validate() throws UsageException {
    paths = remotes(paths);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    List<FileChecksum> checksums = new ArrayList<>();
    for (String path : paths) {
      checksums.add(client.checksum(path));
    }
    if (out.json()) {
      List<Object> list = new ArrayList<>();
      for (FileChecksum checksum : checksums) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", checksum.path());
        m.put("algorithm", checksum.algorithm());
        m.put("checksum", checksum.hex());
        m.put("length", checksum.length());
        list.add(m);
      }
      out.json(list);
      return;
    }
    Table table = new Table().left("ALGORITHM").left("CHECKSUM").right("LENGTH").left("PATH");
    for (FileChecksum checksum : checksums) {
      table.row(checksum.algorithm(), checksum.hex(), checksum.length(), checksum.path());
    }
    out.table(table);
  }
}

package gfs.shell.command;

import gfs.client.GfsClient;
import gfs.shell.Streams;
import gfs.shell.UsageException;
import gfs.shell.output.Output;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Copies a gfs file to a local file (into it, if LOCAL is a directory) or to stdout (-).",
        "The local file appears complete or not at all: it is written aside and renamed."})
public final class GetCommand extends ReadCommand {
  @Parameters(index = "0", paramLabel = "REMOTE") String remote;
  @Parameters(index = "1", paramLabel = "LOCAL|-") String local;

  @Override
  protected void validate() throws UsageException {
    RemotePaths.absolute(remote);
  }

  @Override
  protected void execute(GfsClient client, Output out) throws Exception {
    if (local.equals("-")) {
      try (InputStream in = client.openInputStream(remote)) {
        DataOut.write(context(), remote, in, out.json());
      }
      return;
    }
    Path target = Path.of(local).toAbsolutePath();
    if (Files.isDirectory(target)) {
      target = target.resolve(RemotePaths.name(remote));
    }
    long bytes = copyToFile(client, target);
    if (out.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("path", remote);
      result.put("local", target.toString());
      result.put("length", bytes);
      out.json(result);
    }
  }

  private long copyToFile(GfsClient client, Path target) throws IOException {
    Path directory = target.getParent();
    Path partial = Files.createTempFile(directory, "." + target.getFileName() + ".", ".gfs-get");
    boolean done = false;
    try {
      long bytes;
      try (InputStream in = client.openInputStream(remote);
           OutputStream fileOut = Files.newOutputStream(partial)) {
        bytes = Streams.copy(in, fileOut);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      done = true;
      return bytes;
    } finally {
      if (!done) {
        Files.deleteIfExists(partial);
      }
    }
  }
}

package gfs.shell.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;

/**
 * What this machine can do without gfs, measured in the same run as `gfs bench io`: the disk's
 * sequential write and read bandwidth ({@link DiskBaseline}), one loopback TCP stream between
 * two threads of this JVM, and CRC32C (the chunkservers' checksum) on one core.
 *
 * @param loopbackBytesPerS one TCP stream over 127.0.0.1, 1 MB writes and reads
 * @param crc32cBytesPerS CRC32C over 64 KB blocks (the checksum block size) of a 64 MB buffer
 *     (larger than the CPU caches, as chunk data is) on one thread
 */
public record MachineLimits(DiskBaseline.Result disk, Path diskDir, double loopbackBytesPerS,
    double crc32cBytesPerS) {
  static final int IO_BYTES = 1 << 20;
  static final int CRC_BLOCK_BYTES = 64 << 10;
  static final int CRC_BUFFER_BYTES = 64 << 20;
  /** A loopback transfer that takes longer than this is abandoned (about 1 MB/s). */
  static final long LOOPBACK_TIMEOUT_MS = 120_000;

  public static MachineLimits measure(Path diskDir, long diskBytes, long loopbackBytes,
      long crcBytes) throws IOException, InterruptedException {
    DiskBaseline.Result disk = DiskBaseline.writeAndRead(diskDir, diskBytes);
    return new MachineLimits(disk, diskDir, loopbackBytesPerS(loopbackBytes),
        crc32cBytesPerS(crcBytes));
  }

  /** Pushes totalBytes from this thread to a receiver thread over one loopback connection. */
  static double loopbackBytesPerS(long totalBytes) throws IOException, InterruptedException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(loopback, 0));
      AtomicLong received = new AtomicLong();
      AtomicReference<IOException> failure = new AtomicReference<>();
      Thread receiver = new Thread(() -> {
        ByteBuffer buffer = ByteBuffer.allocateDirect(IO_BYTES);
        try (SocketChannel in = server.accept()) {
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            received.addAndGet(n);
            buffer.clear();
          }
        } catch (IOException e) {
          failure.set(e);
        }
      }, "bench-loopback-receiver");
      receiver.setDaemon(true);
      receiver.start();
      ByteBuffer block = ByteBuffer.allocateDirect(IO_BYTES);
      byte[] random = new byte[IO_BYTES];
      ThreadLocalRandom.current().nextBytes(random);
      block.put(random).flip();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOOPBACK_TIMEOUT_MS);
      long start = System.nanoTime();
      try (SocketChannel out = SocketChannel.open(server.getLocalAddress())) {
        for (long sent = 0; sent < totalBytes && System.nanoTime() < deadline; sent += IO_BYTES) {
          block.rewind();
          while (block.hasRemaining()) {
            out.write(block);
          }
        }
      }
      receiver.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      double seconds = (System.nanoTime() - start) / 1e9;
      if (receiver.isAlive()) {
        receiver.interrupt();
        throw new IOException("loopback baseline: receiver still busy after "
            + LOOPBACK_TIMEOUT_MS / 1000 + " s");
      }
      if (failure.get() != null) {
        throw new IOException("loopback baseline failed: " + failure.get().getMessage(),
            failure.get());
      }
      return received.get() / Math.max(seconds, 1e-9);
    }
  }

  /** CRC32C of totalBytes in 64 KB blocks, one checksum per block, on the calling thread. */
  static double crc32cBytesPerS(long totalBytes) {
    byte[] data = new byte[CRC_BUFFER_BYTES];
    ThreadLocalRandom.current().nextBytes(data);
    CRC32C crc = new CRC32C();
    long sink = 0;
    long done = 0;
    long start = System.nanoTime();
    while (done < totalBytes) {
      for (int at = 0; at < data.length && done < totalBytes; at += CRC_BLOCK_BYTES) {
        crc.reset();
        crc.update(data, at, CRC_BLOCK_BYTES);
        sink += crc.getValue();
        done += CRC_BLOCK_BYTES;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (sink == 42) {
      Thread.onSpinWait(); // keeps the checksums from being optimized away
    }
    return done / Math.max(seconds, 1e-9);
  }
}

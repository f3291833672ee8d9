package dev.sslbench.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** One open IDX file (plain or gzip): its header dimensions and a stream positioned at the data. */
final class IdxFile implements AutoCloseable {
  private final Path path;
  private final InputStream in;
  private final int[] dims;

  private IdxFile(Path path, InputStream in, int[] dims) {
    this.path = path;
    this.in = in;
    this.dims = dims;
  }

  /** Opens {@code path} and reads the header, which must carry {@code expectedMagic}. */
  static IdxFile open(Path path, int expectedMagic, String what) {
    InputStream in = null;
    try {
      in = decompressIfGzip(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
      byte[] magicBytes = new byte[4];
      if (readFully(in, magicBytes) < 4) {
        throw new DatasetFormatException(
            path, -1, "truncated header: file has no IDX magic number");
      }
      int magic = toInt(magicBytes, 0);
      if (magic != expectedMagic) {
        throw new DatasetFormatException(
            path,
            -1,
            String.format(
                "wrong magic number 0x%08x, expected 0x%08x for IDX %s",
                magic, expectedMagic, what));
      }
      int rank = magic & 0xff;
      byte[] dimBytes = new byte[4 * rank];
      if (readFully(in, dimBytes) < dimBytes.length) {
        throw new DatasetFormatException(
            path, -1, "truncated header: expected " + rank + " dimensions");
      }
      int[] dims = new int[rank];
      for (int i = 0; i < rank; i++) {
        dims[i] = toInt(dimBytes, 4 * i);
        if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
          throw new DatasetFormatException(
              path, -1, "zero-sized or negative dimension " + i + " in header: " + dims[i]);
        }
      }
      return new IdxFile(path, in, dims);
    } catch (NoSuchFileException e) {
      throw new DatasetFormatException(path, -1, "file not found", e);
    } catch (IOException e) {
      closeQuietly(in);
      throw new DatasetFormatException(path, -1, "cannot read header: " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(in);
      throw e;
    }
  }

  // Detect by content, not by name: the .gz suffix is a convention some mirrors drop.
  private static InputStream decompressIfGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return in;
  }

  Path path() {
    return path;
  }

  int dim(int i) {
    return dims[i];
  }

  /** Reads up to {@code buf.length} bytes, fewer only at end of data; the count read. */
  int read(byte[] buf) throws IOException {
    return readFully(in, buf);
  }

  private static int readFully(InputStream in, byte[] buf) throws IOException {
    int off = 0;
    while (off < buf.length) {
      int r = in.read(buf, off, buf.length - off);
      if (r < 0) {
        break;
      }
      off += r;
    }
    return off;
  }

  private static int toInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  private static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Already failing with a more useful error.
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

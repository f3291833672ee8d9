package dev.sslbench.core.shard;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams the records of one view-pair shard; holds one record in memory at a time.
 *
 * <p>Format problems (bad magic, unknown version, truncated record) throw {@link
 * ShardFormatException}; I/O failures while iterating surface as {@link UncheckedIOException}
 * because {@link Iterator} cannot throw checked exceptions.
 */
public final class ShardReader implements Iterator<ViewPair>, Closeable {
  private final Path file;
  private final InputStream in;
  private final ImageShape shape;
  private final byte[] prefix = new byte[ShardFormat.RECORD_PREFIX_BYTES];
  private long nextRecord;
  private ViewPair next;
  private boolean eof;

  private ShardReader(Path file, InputStream in) throws IOException {
    this.file = file;
    this.in = in;
    this.shape = readHeader();
  }

  /** Opens {@code file} and reads and checks its header. */
  public static ShardReader open(Path file) throws IOException {
    InputStream raw;
    try {
      raw = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new ShardFormatException(file, -1, "shard file not found", e);
    }
    try {
      return new ShardReader(file, new BufferedInputStream(raw, 1 << 16));
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * Reads a shard from {@code in}; {@code name} is used in error messages. The stream is closed
   * by {@link #close()}.
   */
  public static ShardReader open(InputStream in, Path name) throws IOException {
    InputStream buffered =
        in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
    return new ShardReader(name, buffered);
  }

  private ImageShape readHeader() throws IOException {
    byte[] header = new byte[ShardFormat.HEADER_BYTES];
    int n = readFully(header);
    int m = ShardFormat.MAGIC.length;
    if (n < m || !Arrays.equals(header, 0, m, ShardFormat.MAGIC, 0, m)) {
      throw new ShardFormatException(
          file, -1, "not a view-pair shard (bad magic, expected SSLVPAIR)");
    }
    if (n < header.length) {
      throw new ShardFormatException(
          file, -1, "truncated header: " + n + " of " + header.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(header, ShardFormat.MAGIC.length, 16);
    int version = b.getInt();
    if (version != ShardFormat.VERSION) {
      throw new ShardFormatException(
          file,
          -1,
          "unsupported format version " + version + " (this code reads "
              + ShardFormat.VERSION + ")");
    }
    int h = b.getInt();
    int w = b.getInt();
    int c = b.getInt();
    try {
      return new ImageShape(h, w, c);
    } catch (IllegalArgumentException e) {
      throw new ShardFormatException(file, -1, "bad shape in header: " + e.getMessage());
    }
  }

  public ImageShape shape() {
    return shape;
  }

  public Path file() {
    return file;
  }

  /** Records returned by {@link #next()} so far. */
  public long recordsRead() {
    return nextRecord - (next != null ? 1 : 0);
  }

  @Override
  public boolean hasNext() {
    if (next == null && !eof) {
      try {
        next = readRecord();
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": record " + nextRecord + ": " + e.getMessage(), e);
      }
    }
    return next != null;
  }

  @Override
  public ViewPair next() {
    if (!hasNext()) {
      throw new NoSuchElementException(file + ": no more records");
    }
    ViewPair p = next;
    next = null;
    return p;
  }

  private ViewPair readRecord() throws IOException {
    int n = readFully(prefix);
    if (n == 0) {
      eof = true;
      return null;
    }
    long record = nextRecord++;
    int pixels = shape.pixels();
    long recordBytes = ShardFormat.recordBytes(shape);
    if (n < prefix.length) {
      throw truncated(record, n, recordBytes);
    }
    byte[] v1 = new byte[pixels];
    byte[] v2 = new byte[pixels];
    int got = readFully(v1);
    if (got == pixels) {
      got += readFully(v2);
    }
    if (got < 2 * pixels) {
      throw truncated(record, prefix.length + got, recordBytes);
    }
    ByteBuffer b = ByteBuffer.wrap(prefix);
    return new ViewPair(b.getLong(), b.getInt(), b.getInt(), v1, v2);
  }

  private ShardFormatException truncated(long record, long got, long expected) {
    eof = true;
    return new ShardFormatException(
        file, record, "truncated record: file ends after " + got + " of " + expected + " bytes");
  }

  /** Reads until {@code buf} is full or EOF; returns the number of bytes read. */
  private int readFully(byte[] buf) throws IOException {
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

  @Override
  public void close() throws IOException {
    in.close();
  }
}

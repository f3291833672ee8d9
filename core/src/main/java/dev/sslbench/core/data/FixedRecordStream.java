package dev.sslbench.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams fixed-size records from a sequence of headerless binary files (CIFAR, STL-10), one
 * record in memory at a time. Each file's length is checked up front: one that is not a multiple
 * of the record size is malformed as a whole.
 */
final class FixedRecordStream implements AutoCloseable {
  private final List<Path> files;
  private final long[] recordsPerFile;
  private final int recordBytes;
  private final long count;
  private int fileIndex = -1;
  private long leftInFile;
  private InputStream in;
  private long nextRecord;

  private FixedRecordStream(List<Path> files, long[] recordsPerFile, int recordBytes, long count) {
    this.files = files;
    this.recordsPerFile = recordsPerFile;
    this.recordBytes = recordBytes;
    this.count = count;
  }

  /** Checks every file's length; {@code limit} caps the record count unless it is 0. */
  static FixedRecordStream open(List<Path> files, int recordBytes, long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
    long[] per = new long[files.size()];
    long total = 0;
    for (int i = 0; i < files.size(); i++) {
      per[i] = records(files.get(i), recordBytes);
      total += per[i];
    }
    return new FixedRecordStream(files, per, recordBytes, limit == 0 ? total : Math.min(total,
        limit));
  }

  /** Records in {@code file}, from its length. */
  static long records(Path file, int recordBytes) {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new DatasetFormatException(file, -1, "file not found", e);
    } catch (IOException e) {
      throw new DatasetFormatException(file, -1, "cannot read file size: " + e, e);
    }
    if (size % recordBytes != 0) {
      throw new DatasetFormatException(file, -1, "file length " + size
          + " is not a multiple of the " + recordBytes + "-byte record");
    }
    return size / recordBytes;
  }

  long count() {
    return count;
  }

  boolean hasNext() {
    return nextRecord < count;
  }

  /** The file the last record came from. */
  Path currentFile() {
    return files.get(Math.max(fileIndex, 0));
  }

  /**
   * Reads the next record into {@code buf} and returns its 0-based index over all files; the file
   * it came from is {@link #currentFile()} afterwards.
   */
  long next(byte[] buf) {
    while (leftInFile == 0) {
      advanceFile();
    }
    long index = nextRecord++;
    long inFile = recordsPerFile[fileIndex] - leftInFile;
    leftInFile--;
    Path file = files.get(fileIndex);
    int off = 0;
    try {
      while (off < recordBytes) {
        int r = in.read(buf, off, recordBytes - off);
        if (r < 0) {
          break;
        }
        off += r;
      }
    } catch (IOException e) {
      throw new DatasetFormatException(file, inFile, "cannot read record: " + e, e);
    }
    if (off < recordBytes) {
      // The length was checked at open, so the file changed underneath.
      throw new DatasetFormatException(file, inFile, "truncated file: ends inside the record ("
          + off + " of " + recordBytes + " bytes)");
    }
    return index;
  }

  private void advanceFile() {
    closeCurrent();
    fileIndex++;
    leftInFile = recordsPerFile[fileIndex];
    Path file = files.get(fileIndex);
    try {
      in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    } catch (IOException e) {
      throw new DatasetFormatException(file, -1, "cannot open file: " + e, e);
    }
  }

  private void closeCurrent() {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Read-only stream: nothing was lost.
      }
      in = null;
    }
  }

  @Override
  public void close() {
    closeCurrent();
  }
}

package dev.sslbench.core.data;

import java.nio.file.Path;

/** A source dataset file is missing or malformed; names the file, the record and the reason. */
public final class DatasetFormatException extends RuntimeException {
  private final transient Path file;
  private final long record;
  private final String reason;

  /**
   * @param record 0-based record where the problem was found, or -1 when it concerns the header
   *     or the file as a whole
   */
  public DatasetFormatException(Path file, long record, String reason) {
    this(file, record, reason, null);
  }

  public DatasetFormatException(Path file, long record, String reason, Throwable cause) {
    super(file + (record >= 0 ? ": record " + record : "") + ": " + reason, cause);
    this.file = file;
    this.record = record;
    this.reason = reason;
  }

  public Path file() {
    return file;
  }

  /** 0-based record number, or -1 when the problem is not in a record. */
  public long record() {
    return record;
  }

  public String reason() {
    return reason;
  }
}

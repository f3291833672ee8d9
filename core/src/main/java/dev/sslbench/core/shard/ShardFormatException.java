package dev.sslbench.core.shard;

import java.nio.file.Path;

/** A shard file or manifest violates the view-pair format; names the file, record and reason. */
public final class ShardFormatException extends RuntimeException {
  private final transient Path file;
  private final long record;
  private final String reason;

  /**
   * @param record 0-based record number the problem was found at, or -1 when it concerns the
   *     header or the file as a whole
   */
  public ShardFormatException(Path file, long record, String reason) {
    this(file, record, reason, null);
  }

  public ShardFormatException(Path file, long record, String reason, Throwable cause) {
    super(
        file + (record >= 0 ? ": record " + record : "") + ": " + reason,
        cause);
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

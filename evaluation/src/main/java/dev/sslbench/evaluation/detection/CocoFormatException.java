package dev.sslbench.evaluation.detection;

import java.nio.file.Path;

/** A COCO JSON file that cannot be used, naming the file, the record and the reason. */
public final class CocoFormatException extends RuntimeException {
  public CocoFormatException(Path file, String record, String reason) {
    super(file + ": " + record + ": " + reason);
  }

  public CocoFormatException(Path file, String reason, Throwable cause) {
    super(file + ": " + reason, cause);
  }
}

package dev.sslbench.core.data;

import java.util.Objects;

/**
 * One record of a source dataset: either a decoded image or, when {@code badReason} is set, the
 * reason it could not be decoded.
 *
 * @param index 0-based position of the record in the split
 * @param source the file the record comes from
 * @param image the decoded image, null for a bad record
 * @param badReason why the record is bad, null for a good one
 */
public record SourceRecord(long index, String source, LabeledImage image, String badReason) {

  public SourceRecord {
    Objects.requireNonNull(source, "source");
    if ((image == null) == (badReason == null)) {
      throw new IllegalArgumentException("a record has either an image or a bad reason");
    }
  }

  /** A decoded record. */
  public static SourceRecord good(String source, LabeledImage image) {
    return new SourceRecord(image.index(), source, image, null);
  }

  /** A record that could not be decoded. */
  public static SourceRecord bad(long index, String source, String reason) {
    return new SourceRecord(index, source, null, reason);
  }

  public boolean isBad() {
    return badReason != null;
  }
}

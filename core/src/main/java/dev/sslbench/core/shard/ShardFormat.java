package dev.sslbench.core.shard;

import java.nio.charset.StandardCharsets;

/** Constants of the view-pair shard file format (see docs/shard-format.md). */
public final class ShardFormat {

  /** The 8 ASCII bytes every shard file starts with. */
  public static final byte[] MAGIC = "SSLVPAIR".getBytes(StandardCharsets.US_ASCII);

  /** The only format version this code reads and writes. */
  public static final int VERSION = 1;

  /** Header length: magic, version, height, width, channels. */
  public static final int HEADER_BYTES = 8 + 4 * 4;

  /** Fixed part of a record before the pixels: imageIndex (int64), epoch and label (int32). */
  public static final int RECORD_PREFIX_BYTES = 8 + 4 + 4;

  private ShardFormat() {}

  /** Bytes of one record for images of {@code shape}. */
  public static long recordBytes(ImageShape shape) {
    return RECORD_PREFIX_BYTES + 2L * shape.pixels();
  }

  /** File name of shard {@code index} of {@code count}, e.g. {@code pairs-00000-of-00008.bin}. */
  public static String fileName(int index, int count) {
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("shard index " + index + " not in [0, " + count + ")");
    }
    return String.format(java.util.Locale.ROOT, "pairs-%05d-of-%05d.bin", index, count);
  }
}

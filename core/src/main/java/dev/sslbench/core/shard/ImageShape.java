package dev.sslbench.core.shard;

import java.io.Serializable;

/** Height, width and channel count of an image stored as uint8 in HWC order. */
public record ImageShape(int height, int width, int channels) implements Serializable {

  public ImageShape {
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "image dimensions must be positive, got " + height + "x" + width + "x" + channels);
    }
    if ((long) height * width * channels > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "image too large: " + height + "x" + width + "x" + channels);
    }
  }

  /** Number of bytes of one image: {@code height * width * channels}. */
  public int pixels() {
    return height * width * channels;
  }

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}

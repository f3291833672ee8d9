package dev.sslbench.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One source image: its 0-based position in the dataset, its class label and uint8 pixels in HWC
 * order. Equality compares the pixel contents.
 */
public record LabeledImage(long index, int label, byte[] pixels) {

  public LabeledImage {
    Objects.requireNonNull(pixels, "pixels");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabeledImage l
        && index == l.index
        && label == l.label
        && Arrays.equals(pixels, l.pixels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(index) + label) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "LabeledImage[index=" + index + ", label=" + label + ", pixels=" + pixels.length
        + " bytes]";
  }
}

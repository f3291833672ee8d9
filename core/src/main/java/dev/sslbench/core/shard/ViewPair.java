package dev.sslbench.core.shard;

import java.util.Arrays;
import java.util.Objects;

/**
 * Two augmented views of one source image for one augmentation epoch: uint8 pixels in HWC order.
 *
 * <p>Equality compares the pixel contents, so pairs can be compared in tests and pipelines.
 */
public record ViewPair(long imageIndex, int epoch, int label, byte[] view1, byte[] view2) {

  public ViewPair {
    Objects.requireNonNull(view1, "view1");
    Objects.requireNonNull(view2, "view2");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ViewPair p
        && imageIndex == p.imageIndex
        && epoch == p.epoch
        && label == p.label
        && Arrays.equals(view1, p.view1)
        && Arrays.equals(view2, p.view2);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(imageIndex, epoch, label);
    h = 31 * h + Arrays.hashCode(view1);
    return 31 * h + Arrays.hashCode(view2);
  }

  @Override
  public String toString() {
    return "ViewPair[imageIndex=" + imageIndex + ", epoch=" + epoch + ", label=" + label
        + ", view1=" + view1.length + " bytes, view2=" + view2.length + " bytes]";
  }
}

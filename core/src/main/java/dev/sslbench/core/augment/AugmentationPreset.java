package dev.sslbench.core.augment;

import java.io.Serializable;
import java.util.Objects;

/** A named pair of view augmentations; the two views may differ (BYOL is asymmetric). */
public record AugmentationPreset(String name, ViewAugmentation view1, ViewAugmentation view2)
    implements Serializable {

  public AugmentationPreset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(view1, "view1");
    Objects.requireNonNull(view2, "view2");
  }

  /** Augmentation of view 0 or 1, the numbering {@link PairRandom} uses. */
  public ViewAugmentation view(int view) {
    return switch (view) {
      case 0 -> view1;
      case 1 -> view2;
      default -> throw new IllegalArgumentException("view must be 0 or 1, got " + view);
    };
  }
}

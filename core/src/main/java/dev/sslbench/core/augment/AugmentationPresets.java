package dev.sslbench.core.augment;

import dev.sslbench.core.shard.ImageShape;
import java.util.List;

/** The built-in augmentation presets, looked up by name. */
public final class AugmentationPresets {
  /** BYOL (arXiv 2006.07733, Table 6). */
  public static final String BYOL = "byol";

  /** SimCLR (arXiv 2002.05709, Appendix A): the same strong augmentation for both views. */
  public static final String SIMCLR = "simclr";

  /** MoCo v2 (arXiv 2003.04297): both views alike, milder jitter, crop scale from 0.2. */
  public static final String MOCOV2 = "mocov2";

  /** SimSiam (arXiv 2011.10566, Section 4): the MoCo v2 augmentation under its own name. */
  public static final String SIMSIAM = "simsiam";

  /** No augmentation: both views are the source image (evaluation). */
  public static final String NONE = "none";

  // Small images lose their content under a 10%-of-side blur, hence SimSiam and lightly turn it
  // off at CIFAR resolution; Fashion-MNIST (28 px) is in the same regime.
  private static final int NO_BLUR_MAX_SIDE = 32;

  private AugmentationPresets() {}

  /** Names {@link #byName} accepts. */
  public static List<String> names() {
    return List.of(BYOL, SIMCLR, MOCOV2, SIMSIAM, NONE);
  }

  /** The preset {@code name} adapted to images of {@code shape}. */
  public static AugmentationPreset byName(String name, ImageShape shape) {
    return switch (name) {
      case BYOL -> byol(shape);
      case SIMCLR -> simclr(shape);
      case MOCOV2 -> mocov2(shape);
      case SIMSIAM -> symmetric(SIMSIAM, mocov2(shape).view1());
      case NONE ->
          new AugmentationPreset(NONE, ViewAugmentation.IDENTITY, ViewAugmentation.IDENTITY);
      default -> throw new IllegalArgumentException(
          "unknown augmentation preset '" + name + "' (known: " + String.join(", ", names()) + ")");
    };
  }

  /**
   * BYOL Table 6: crop scale (0.08, 1), ratio (3/4, 4/3); flip 0.5; jitter 0.4/0.4/0.2/0.1 with p
   * 0.8; grayscale 0.2; blur p 1.0 / 0.1, sigma (0.1, 2), kernel 10% of the side; solarize p 0.0 /
   * 0.2 at 0.5. Blur is off for images of 32 px and below.
   */
  public static AugmentationPreset byol(ImageShape shape) {
    ViewAugmentation v1 = new ViewAugmentation(
        0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0, 0.5, 0.8, 0.4, 0.4, 0.2, 0.1, 0.2,
        1.0, 0.1, 2.0, 0.1, 0.0, 0.5);
    ViewAugmentation v2 = new ViewAugmentation(
        0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0, 0.5, 0.8, 0.4, 0.4, 0.2, 0.1, 0.2,
        0.1, 0.1, 2.0, 0.1, 0.2, 0.5);
    if (Math.max(shape.height(), shape.width()) <= NO_BLUR_MAX_SIDE) {
      v1 = v1.withBlurProb(0);
      v2 = v2.withBlurProb(0);
    }
    return new AugmentationPreset(BYOL, v1, v2);
  }

  /**
   * SimCLR: crop scale (0.08, 1), ratio (3/4, 4/3); flip 0.5; jitter 0.8/0.8/0.8/0.2 with p 0.8;
   * grayscale 0.2; blur p 0.5, sigma (0.1, 2), kernel 10% of the side; no solarize. Both views
   * alike; blur is off for images of 32 px and below.
   */
  public static AugmentationPreset simclr(ImageShape shape) {
    ViewAugmentation v = new ViewAugmentation(
        0.08, 1.0, 3.0 / 4.0, 4.0 / 3.0, 0.5, 0.8, 0.8, 0.8, 0.8, 0.2, 0.2,
        0.5, 0.1, 2.0, 0.1, 0.0, 0.5);
    return symmetric(SIMCLR, smallImageBlur(v, shape));
  }

  /**
   * MoCo v2 (also SimSiam's): crop scale (0.2, 1), ratio (3/4, 4/3); flip 0.5; jitter
   * 0.4/0.4/0.4/0.1 with p 0.8; grayscale 0.2; blur p 0.5, sigma (0.1, 2), kernel 10% of the
   * side; no solarize. Both views alike; blur is off for images of 32 px and below.
   */
  public static AugmentationPreset mocov2(ImageShape shape) {
    ViewAugmentation v = new ViewAugmentation(
        0.2, 1.0, 3.0 / 4.0, 4.0 / 3.0, 0.5, 0.8, 0.4, 0.4, 0.4, 0.1, 0.2,
        0.5, 0.1, 2.0, 0.1, 0.0, 0.5);
    return symmetric(MOCOV2, smallImageBlur(v, shape));
  }

  private static ViewAugmentation smallImageBlur(ViewAugmentation v, ImageShape shape) {
    return Math.max(shape.height(), shape.width()) <= NO_BLUR_MAX_SIDE ? v.withBlurProb(0) : v;
  }

  private static AugmentationPreset symmetric(String name, ViewAugmentation v) {
    return new AugmentationPreset(name, v, v);
  }
}

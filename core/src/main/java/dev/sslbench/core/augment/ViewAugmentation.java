package dev.sslbench.core.augment;

import java.io.Serializable;

/**
 * Every probability and strength of one view's augmentation, in the order they are applied:
 * random resized crop, horizontal flip, colour jitter, grayscale, Gaussian blur, solarize.
 *
 * <p>Strengths follow torchvision: brightness/contrast/saturation factors are drawn from {@code
 * [max(0, 1 - s), 1 + s]}, the hue shift from {@code [-hue, hue]} (fraction of a turn), and the
 * four jitter operations run in a random order. Pixel values are on the [0, 1] scale.
 *
 * @param cropScaleMin smallest crop area as a fraction of the image; a scale range of (1, 1)
 *     keeps the whole image
 * @param cropRatioMin smallest crop aspect ratio (width / height), sampled log-uniformly
 * @param blurKernelFraction Gaussian kernel side as a fraction of the larger image side (made odd,
 *     at least 3)
 * @param solarizeThreshold pixels at or above it are inverted
 */
public record ViewAugmentation(
    double cropScaleMin,
    double cropScaleMax,
    double cropRatioMin,
    double cropRatioMax,
    double flipProb,
    double colorJitterProb,
    double brightness,
    double contrast,
    double saturation,
    double hue,
    double grayscaleProb,
    double blurProb,
    double blurSigmaMin,
    double blurSigmaMax,
    double blurKernelFraction,
    double solarizeProb,
    double solarizeThreshold)
    implements Serializable {

  /** Leaves the image unchanged. */
  public static final ViewAugmentation IDENTITY =
      new ViewAugmentation(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 2.0, 0.1, 0, 0.5);

  public ViewAugmentation {
    requireRange("cropScaleMin", cropScaleMin, Double.MIN_VALUE, 1);
    requireRange("cropScaleMax", cropScaleMax, cropScaleMin, 1);
    requireRange("cropRatioMin", cropRatioMin, Double.MIN_VALUE, Double.MAX_VALUE);
    requireRange("cropRatioMax", cropRatioMax, cropRatioMin, Double.MAX_VALUE);
    requireRange("flipProb", flipProb, 0, 1);
    requireRange("colorJitterProb", colorJitterProb, 0, 1);
    requireRange("brightness", brightness, 0, Double.MAX_VALUE);
    requireRange("contrast", contrast, 0, Double.MAX_VALUE);
    requireRange("saturation", saturation, 0, Double.MAX_VALUE);
    requireRange("hue", hue, 0, 0.5);
    requireRange("grayscaleProb", grayscaleProb, 0, 1);
    requireRange("blurProb", blurProb, 0, 1);
    requireRange("blurSigmaMin", blurSigmaMin, Double.MIN_VALUE, Double.MAX_VALUE);
    requireRange("blurSigmaMax", blurSigmaMax, blurSigmaMin, Double.MAX_VALUE);
    requireRange("blurKernelFraction", blurKernelFraction, Double.MIN_VALUE, 1);
    requireRange("solarizeProb", solarizeProb, 0, 1);
    requireRange("solarizeThreshold", solarizeThreshold, 0, 1);
  }

  private static void requireRange(String name, double v, double min, double max) {
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException(
          name + " = " + v + " is not in [" + min + ", " + max + "]");
    }
  }

  /** This augmentation with another Gaussian blur probability. */
  public ViewAugmentation withBlurProb(double p) {
    return new ViewAugmentation(cropScaleMin, cropScaleMax, cropRatioMin, cropRatioMax, flipProb,
        colorJitterProb, brightness, contrast, saturation, hue, grayscaleProb, p, blurSigmaMin,
        blurSigmaMax, blurKernelFraction, solarizeProb, solarizeThreshold);
  }

  /** This augmentation with another horizontal flip probability. */
  public ViewAugmentation withFlipProb(double p) {
    return new ViewAugmentation(cropScaleMin, cropScaleMax, cropRatioMin, cropRatioMax, p,
        colorJitterProb, brightness, contrast, saturation, hue, grayscaleProb, blurProb,
        blurSigmaMin, blurSigmaMax, blurKernelFraction, solarizeProb, solarizeThreshold);
  }

  /** This augmentation with another random resized crop scale range. */
  public ViewAugmentation withCropScale(double min, double max) {
    return new ViewAugmentation(min, max, cropRatioMin, cropRatioMax, flipProb, colorJitterProb,
        brightness, contrast, saturation, hue, grayscaleProb, blurProb, blurSigmaMin,
        blurSigmaMax, blurKernelFraction, solarizeProb, solarizeThreshold);
  }
}

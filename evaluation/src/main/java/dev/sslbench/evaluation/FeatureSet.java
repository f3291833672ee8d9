package dev.sslbench.evaluation;

/**
 * Frozen features of {@code count} images, row-major {@code [count, dim]}, with their class labels.
 *
 * <p>The arrays are shared, not copied: features of a full split are large.
 */
public record FeatureSet(float[] features, int count, int dim, int[] labels) {

  public FeatureSet {
    if (features == null || labels == null) {
      throw new IllegalArgumentException("features and labels must not be null");
    }
    if (count < 0 || dim <= 0) {
      throw new IllegalArgumentException(
          "need count >= 0 and dim > 0, got count " + count + ", dim " + dim);
    }
    if ((long) count * dim != features.length) {
      throw new IllegalArgumentException(
          "features hold " + features.length + " values, expected count * dim = " + count + " * "
              + dim);
    }
    if (labels.length != count) {
      throw new IllegalArgumentException(labels.length + " labels for " + count + " feature rows");
    }
    for (int i = 0; i < count; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("label of row " + i + " is negative: " + labels[i]);
      }
    }
  }

  /** Number of classes the labels imply: the largest label plus one (0 when empty). */
  public int numClasses() {
    int max = -1;
    for (int label : labels) {
      max = Math.max(max, label);
    }
    return max + 1;
  }

  /** Throws, naming the set, row and column, if any feature is NaN or infinite. */
  void requireFinite(String name) {
    for (int i = 0; i < features.length; i++) {
      if (!Float.isFinite(features[i])) {
        throw new IllegalArgumentException(
            name + " features: row " + i / dim + ", column " + i % dim + " is " + features[i]);
      }
    }
  }
}

package dev.sslbench.evaluation;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.checkpoint.FeatureExtractor;
import dev.sslbench.training.data.PixelNormalizer;
import java.util.List;

/**
 * Features of un-augmented images from a frozen backbone, extracted once per backbone and split, normalised with
 * the same per-channel mean/std as pretraining.
 */
public final class FrozenFeatures {
  private FrozenFeatures() {}

  public static FeatureSet extract(
      Block backbone, NDManager manager, List<LabeledImage> images, ImageShape shape, PixelNormalizer normalizer) {
    int n = images.size();
    int pixels = shape.pixels();
    float[] nchw = new float[Math.multiplyExact(n, pixels)];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      LabeledImage image = images.get(i);
      normalizer.toChw(image.pixels(), nchw, i * pixels);
      labels[i] = image.label();
    }
    float[] features = FeatureExtractor.extract(backbone, manager, nchw, n, shape);
    int dim = n == 0 ? 1 : features.length / n;
    return new FeatureSet(features, n, dim, labels);
  }

  /**
   * The collapse monitor on features: std over the rows of the L2-normalised features, averaged over dimensions
   * (about 1/sqrt(dim) when spread out, 0 when every image maps to one point).
   */
  public static double normalizedStd(FeatureSet set) {
    int n = set.count();
    int d = set.dim();
    if (n < 2) {
      return 0;
    }
    double[] sum = new double[d];
    double[] sumSq = new double[d];
    float[] f = set.features();
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int j = 0; j < d; j++) {
        norm += (double) f[i * d + j] * f[i * d + j];
      }
      norm = Math.max(Math.sqrt(norm), 1e-12);
      for (int j = 0; j < d; j++) {
        double v = f[i * d + j] / norm;
        sum[j] += v;
        sumSq[j] += v * v;
      }
    }
    double total = 0;
    for (int j = 0; j < d; j++) {
      double mean = sum[j] / n;
      total += Math.sqrt(Math.max(0, (sumSq[j] - n * mean * mean) / (n - 1)));
    }
    return total / d;
  }
}

package dev.sslbench.evaluation;

import java.util.Random;

/** Seeded synthetic feature sets: Gaussian clusters around per-class means, or pure noise. */
final class SyntheticFeatures {
  private SyntheticFeatures() {}

  /** {@code perClass} rows per class around means drawn once from {@code meansSeed}. */
  static FeatureSet clusters(int classes, int perClass, int dim, double spread, long meansSeed, long seed) {
    Random meansRandom = new Random(meansSeed);
    double[][] means = new double[classes][dim];
    for (double[] mean : means) {
      for (int j = 0; j < dim; j++) {
        mean[j] = meansRandom.nextGaussian();
      }
    }
    Random random = new Random(seed);
    int n = classes * perClass;
    float[] x = new float[n * dim];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % classes;
      y[i] = c;
      for (int j = 0; j < dim; j++) {
        x[i * dim + j] = (float) (means[c][j] + spread * random.nextGaussian());
      }
    }
    return new FeatureSet(x, n, dim, y);
  }

  /** Gaussian features with labels that carry no information about them. */
  static FeatureSet noise(int n, int dim, int classes, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n * dim];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(classes);
    }
    return new FeatureSet(x, n, dim, y);
  }
}

package dev.sslbench.evaluation;

/** Per-dimension mean and standard deviation of the train features, applied to any split. */
final class Standardizer {
  /** Constant dimensions keep their scale instead of blowing up to inf. */
  private static final double MIN_STD = 1e-8;

  private final double[] mean;
  private final double[] invStd;

  private Standardizer(double[] mean, double[] invStd) {
    this.mean = mean;
    this.invStd = invStd;
  }

  static Standardizer fit(FeatureSet train) {
    int d = train.dim();
    int n = train.count();
    double[] mean = new double[d];
    double[] m2 = new double[d];
    float[] x = train.features();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = x[i * d + j] - mean[j];
        m2[j] += v * v;
      }
    }
    double[] invStd = new double[d];
    for (int j = 0; j < d; j++) {
      double std = Math.sqrt(m2[j] / n);
      invStd[j] = std < MIN_STD ? 1.0 : 1.0 / std;
    }
    return new Standardizer(mean, invStd);
  }

  float[] apply(FeatureSet set) {
    int d = mean.length;
    float[] x = set.features();
    float[] out = new float[x.length];
    for (int i = 0; i < set.count(); i++) {
      for (int j = 0; j < d; j++) {
        out[i * d + j] = (float) ((x[i * d + j] - mean[j]) * invStd[j]);
      }
    }
    return out;
  }
}

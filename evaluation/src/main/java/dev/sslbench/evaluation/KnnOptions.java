package dev.sslbench.evaluation;

/**
 * Weighted kNN settings: {@code k} neighbours, weights {@code exp(sim / temperature)}; test rows
 * are scored {@code chunkRows} at a time to bound memory.
 */
public record KnnOptions(int k, double temperature, int chunkRows) {
  /** InstDisc / lightly defaults: k = 200, T = 0.1. */
  public static final KnnOptions DEFAULTS = new KnnOptions(200, 0.1, 256);

  public KnnOptions {
    if (k <= 0) {
      throw new IllegalArgumentException("knn k must be positive, got " + k);
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("knn temperature must be positive, got " + temperature);
    }
    if (chunkRows <= 0) {
      throw new IllegalArgumentException("knn chunkRows must be positive, got " + chunkRows);
    }
  }

  public KnnOptions withK(int newK) {
    return new KnnOptions(newK, temperature, chunkRows);
  }

  public KnnOptions withTemperature(double t) {
    return new KnnOptions(k, t, chunkRows);
  }
}

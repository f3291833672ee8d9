package dev.sslbench.evaluation;

/**
 * Linear-probe training settings: mini-batch SGD with momentum or Adam, cosine learning-rate decay
 * to zero over all steps, a seeded shuffle per epoch.
 */
public record LinearProbeOptions(
    int epochs,
    int batchSize,
    Optimizer optimizer,
    double learningRate,
    double momentum,
    double weightDecay,
    long seed) {

  /** The update rule. */
  public enum Optimizer {
    SGD,
    ADAM
  }

  /**
   * Adam at 1e-3: robust to the scale and correlation of any backbone's features, where SGD's
   * stable learning rate depends on them.
   */
  public static final LinearProbeOptions DEFAULTS =
      new LinearProbeOptions(100, 256, Optimizer.ADAM, 1e-3, 0.9, 0.0, 0L);

  /** SGD with momentum 0.9 at 0.1, the usual linear-evaluation recipe (solo-learn). */
  public static final LinearProbeOptions SGD_DEFAULTS =
      new LinearProbeOptions(100, 256, Optimizer.SGD, 0.1, 0.9, 0.0, 0L);

  public LinearProbeOptions {
    if (epochs <= 0) {
      throw new IllegalArgumentException("linear probe epochs must be positive, got " + epochs);
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException(
          "linear probe batchSize must be positive, got " + batchSize);
    }
    if (optimizer == null) {
      throw new IllegalArgumentException("linear probe optimizer must be SGD or ADAM");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "linear probe learningRate must be positive, got " + learningRate);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException(
          "linear probe momentum must be in [0, 1), got " + momentum);
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException(
          "linear probe weightDecay must be >= 0, got " + weightDecay);
    }
  }

  public LinearProbeOptions withEpochs(int e) {
    return new LinearProbeOptions(
        e, batchSize, optimizer, learningRate, momentum, weightDecay, seed);
  }

  public LinearProbeOptions withBatchSize(int b) {
    return new LinearProbeOptions(epochs, b, optimizer, learningRate, momentum, weightDecay, seed);
  }

  public LinearProbeOptions withLearningRate(double lr) {
    return new LinearProbeOptions(epochs, batchSize, optimizer, lr, momentum, weightDecay, seed);
  }

  public LinearProbeOptions withWeightDecay(double wd) {
    return new LinearProbeOptions(epochs, batchSize, optimizer, learningRate, momentum, wd, seed);
  }

  public LinearProbeOptions withSeed(long s) {
    return new LinearProbeOptions(
        epochs, batchSize, optimizer, learningRate, momentum, weightDecay, s);
  }
}

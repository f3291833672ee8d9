package dev.sslbench.training;

/** The loss became NaN or infinite; training stops instead of writing a broken checkpoint. */
public final class TrainingDivergedException extends RuntimeException {
  private final long step;
  private final double loss;

  public TrainingDivergedException(String method, long step, int epoch, double loss, double lr) {
    super(
        method + " loss is " + loss + " at step " + step + " (epoch " + epoch + ", lr " + lr
            + "); lower the learning rate or check the input normalisation");
    this.step = step;
    this.loss = loss;
  }

  /** 1-based step whose loss was not finite. */
  public long step() {
    return step;
  }

  public double loss() {
    return loss;
  }
}

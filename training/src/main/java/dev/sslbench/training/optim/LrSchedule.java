package dev.sslbench.training.optim;

/**
 * Per-step learning rate: linear warm-up from {@code base / warmupSteps} to {@code base} over
 * {@code warmupSteps} steps, then half-cosine decay to {@code finalLr} (0 by default, unlike DJL's
 * {@code CosineTracker}, which stops at 1% of the base) at {@code totalSteps}.
 *
 * @param base peak learning rate
 * @param warmupSteps steps of linear warm-up (0 for none)
 * @param totalSteps steps of the whole run; the LR reaches {@code finalLr} at this step
 * @param finalLr learning rate at the end of the cosine
 */
public record LrSchedule(double base, long warmupSteps, long totalSteps, double finalLr) {

  public LrSchedule {
    if (base < 0 || finalLr < 0) {
      throw new IllegalArgumentException("learning rates must be >= 0, got " + base + ", " + finalLr);
    }
    if (totalSteps <= 0) {
      throw new IllegalArgumentException("totalSteps must be positive, got " + totalSteps);
    }
    if (warmupSteps < 0 || warmupSteps > totalSteps) {
      throw new IllegalArgumentException(
          "warmupSteps must be in [0, totalSteps=" + totalSteps + "], got " + warmupSteps);
    }
  }

  /** Warm-up then cosine to 0. */
  public static LrSchedule warmupCosine(double base, long warmupSteps, long totalSteps) {
    return new LrSchedule(base, warmupSteps, totalSteps, 0.0);
  }

  /** The learning rate of 0-based step {@code step}. */
  public double at(long step) {
    if (step < warmupSteps) {
      return base * (step + 1) / warmupSteps;
    }
    long decaySteps = totalSteps - warmupSteps;
    if (decaySteps <= 0) {
      return base;
    }
    double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
    return finalLr + (base - finalLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
  }
}

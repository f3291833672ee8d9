package dev.sslbench.training.methods;

import java.util.Map;

/**
 * What one training step reports.
 *
 * @param loss the method's loss before the update
 * @param zStd collapse monitor of the online projections (mean over both views)
 * @param extras method-specific metrics, e.g. {@code tau} for momentum methods
 */
public record StepResult(double loss, double zStd, Map<String, Double> extras) {
  public StepResult {
    extras = Map.copyOf(extras);
  }
}

package dev.sslbench.training.optim;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;

/** Creates an {@link Optimizer} by name: {@code sgd}, {@code adam} or {@code adamw}. */
public final class Optimizers {

  /** Names accepted by {@link #create}. */
  public static final List<String> NAMES = List.of("sgd", "adam", "adamw");

  private Optimizers() {}

  /**
   * @param momentum SGD momentum; for Adam/AdamW it is beta1 (beta2 0.999, eps 1e-8 as in PyTorch)
   */
  public static Optimizer create(
      String name, double momentum, double weightDecay, NDManager stateManager) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "sgd" -> new Sgd(momentum, weightDecay, stateManager);
      case "adam" -> new Adam(momentum, 0.999, 1e-8, weightDecay, false, stateManager);
      case "adamw" -> new Adam(momentum, 0.999, 1e-8, weightDecay, true, stateManager);
      default ->
          throw new IllegalArgumentException(
              "unknown optimizer '" + name + "', expected one of " + NAMES);
    };
  }
}

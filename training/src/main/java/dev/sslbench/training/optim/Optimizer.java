package dev.sslbench.training.optim;

import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Updates parameters from their gradients with an explicit learning rate, then zeroes the
 * gradients. Parameters that do not require gradients (BatchNorm running statistics, frozen
 * target networks) are skipped.
 */
public interface Optimizer extends AutoCloseable {

  /** Applies one update to {@code params} at learning rate {@code lr}. */
  void step(List<Parameter> params, double lr);

  /** Frees the optimizer state (momentum buffers, Adam moments). */
  @Override
  void close();
}

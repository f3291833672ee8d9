package dev.sslbench.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD with PyTorch's semantics ({@code torch.optim.SGD}, dampening 0, no Nesterov): {@code d = g +
 * wd * w} (weight decay only on weights, see {@link ParameterGroups#decays}), {@code buf = m * buf
 * + d}, {@code w -= lr * buf}. Unlike DJL's SGD the learning rate is applied after the momentum
 * buffer, so changing the LR does not rescale the accumulated velocity.
 */
public final class Sgd implements Optimizer {
  private final double momentum;
  private final double weightDecay;
  private final NDManager state;
  private final Map<String, NDArray> buffers = new HashMap<>();

  /** @param stateManager parent manager of the momentum buffers (same device as the parameters) */
  public Sgd(double momentum, double weightDecay, NDManager stateManager) {
    if (momentum < 0 || momentum >= 1) {
      throw new IllegalArgumentException("SGD momentum must be in [0, 1), got " + momentum);
    }
    if (weightDecay < 0) {
      throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    }
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.state = stateManager.newSubManager();
  }

  @Override
  public void step(List<Parameter> params, double lr) {
    for (Parameter p : params) {
      if (!ParameterGroups.trainable(p)) {
        continue;
      }
      NDArray w = p.getArray();
      try (NDManager tmp = state.newSubManager()) {
        NDArray g = w.getGradient();
        g.attach(tmp);
        NDArray d = g;
        if (weightDecay > 0 && ParameterGroups.decays(p)) {
          NDArray decay = w.mul(weightDecay);
          decay.attach(tmp);
          d = g.add(decay);
        }
        if (momentum > 0) {
          // A zero-initialised buffer makes the first step buf = d, as PyTorch's clone does.
          NDArray buf = buffers.computeIfAbsent(p.getId(), id -> state.zeros(w.getShape(), w.getDataType()));
          buf.muli(momentum).addi(d);
          d = buf;
        }
        NDArray update = d.mul(lr);
        update.attach(tmp);
        w.subi(update);
        ParameterGroups.zeroGradient(w, g);
      }
    }
  }

  @Override
  public void close() {
    state.close();
    buffers.clear();
  }
}

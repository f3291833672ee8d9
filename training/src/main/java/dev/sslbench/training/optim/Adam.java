package dev.sslbench.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam and AdamW with PyTorch's semantics ({@code torch.optim.Adam} / {@code AdamW}, no amsgrad):
 * bias-corrected moments, {@code w -= lr * m_hat / (sqrt(v_hat) + eps)}. Adam adds {@code wd * w}
 * to the gradient (L2); AdamW decays the weight directly, {@code w *= 1 - lr * wd}. Weight decay
 * only touches weights (see {@link ParameterGroups#decays}). Written here rather than using DJL's
 * Adam so the learning rate comes from the caller's schedule and decay follows the same exclusion.
 */
public final class Adam implements Optimizer {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final boolean decoupled;
  private final NDManager state;
  private final Map<String, Moments> moments = new HashMap<>();

  private static final class Moments {
    final NDArray m;
    final NDArray v;
    long t;

    Moments(NDArray m, NDArray v) {
      this.m = m;
      this.v = v;
    }
  }

  /**
   * @param decoupled {@code true} for AdamW
   * @param stateManager parent manager of the moment buffers
   */
  public Adam(
      double beta1, double beta2, double eps, double weightDecay, boolean decoupled,
      NDManager stateManager) {
    if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
      throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
    }
    if (weightDecay < 0) {
      throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.decoupled = decoupled;
    this.state = stateManager.newSubManager();
  }

  @Override
  public void step(List<Parameter> params, double lr) {
    for (Parameter p : params) {
      if (!ParameterGroups.trainable(p)) {
        continue;
      }
      NDArray w = p.getArray();
      Moments mo =
          moments.computeIfAbsent(
              p.getId(),
              id ->
                  new Moments(
                      state.zeros(w.getShape(), w.getDataType()),
                      state.zeros(w.getShape(), w.getDataType())));
      mo.t++;
      boolean decay = weightDecay > 0 && ParameterGroups.decays(p);
      try (NDManager tmp = state.newSubManager()) {
        NDArray g = w.getGradient();
        g.attach(tmp);
        NDArray d = g;
        if (decay && !decoupled) {
          NDArray l2 = w.mul(weightDecay);
          l2.attach(tmp);
          d = g.add(l2);
        }
        if (decay && decoupled) {
          w.muli(1 - lr * weightDecay);
        }
        NDArray scaledGrad = d.mul(1 - beta1);
        scaledGrad.attach(tmp);
        mo.m.muli(beta1).addi(scaledGrad);
        NDArray scaledSquare = d.square().mul(1 - beta2);
        scaledSquare.attach(tmp);
        mo.v.muli(beta2).addi(scaledSquare);
        double correction1 = 1 - Math.pow(beta1, mo.t);
        double correction2 = 1 - Math.pow(beta2, mo.t);
        // Results of ops on the state buffers land in the state manager: move each to tmp.
        NDArray root = mo.v.sqrt();
        root.attach(tmp);
        NDArray denom = root.div(Math.sqrt(correction2)).add(eps);
        NDArray ratio = mo.m.div(denom);
        ratio.attach(tmp);
        NDArray update = ratio.mul(lr / correction1);
        w.subi(update);
        ParameterGroups.zeroGradient(w, g);
      }
    }
  }

  @Override
  public void close() {
    state.close();
    moments.clear();
  }
}

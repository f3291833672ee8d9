package dev.sslbench.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** Which parameters get weight decay, and how gradients are reset after an update. */
public final class ParameterGroups {

  private ParameterGroups() {}

  /**
   * Weight decay applies to convolution and linear weights only; biases and norm scales/shifts are
   * excluded, as in the BYOL/SimCLR LARS setups and solo-learn's {@code exclude_bias_n_norm}.
   */
  public static boolean decays(Parameter p) {
    return p.getType() == Parameter.Type.WEIGHT;
  }

  /** Whether an optimizer should update {@code p}. */
  public static boolean trainable(Parameter p) {
    return p.requiresGradient() && p.isInitialized();
  }

  /**
   * Zeroes the gradient of {@code weight}. libtorch accumulates gradients across backward passes
   * and DJL's collector does not reset them, so every optimizer step must.
   */
  static void zeroGradient(NDArray weight, NDArray gradient) {
    if (weight instanceof PtNDArray pt) {
      JniUtils.zeroGrad(pt);
    } else {
      gradient.subi(gradient);
    }
  }
}

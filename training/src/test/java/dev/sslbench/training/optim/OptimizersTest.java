package dev.sslbench.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OptimizersTest {
  private NDManager m;

  @BeforeEach
  void setUp() {
    m = NDManager.newBaseManager();
  }

  @AfterEach
  void tearDown() {
    m.close();
  }

  private Parameter param(String name, Parameter.Type type, float... values) {
    Parameter p = Parameter.builder().setName(name).setType(type).optArray(m.create(values)).build();
    p.initialize(m, DataType.FLOAT32);
    return p;
  }

  /** Backward of sum(c_w * w) + sum(c_b * b): constant gradients c_w and c_b. */
  private void backward(Parameter w, float[] cw, Parameter b, float[] cb) {
    try (NDManager step = m.newSubManager();
        GradientCollector c = Engine.getInstance().newGradientCollector()) {
      NDArray lw = w.getArray().mul(step.create(cw)).sum();
      NDArray lb = b.getArray().mul(step.create(cb)).sum();
      c.backward(lw.add(lb));
    }
  }

  @Test
  void sgdFollowsPyTorchSemantics() {
    // PyTorch SGD, lr 0.1, momentum 0.9, weight decay 0.1 (weights only), constant gradients.
    // Weight w = (1, 2), g = (0.5, -1):
    //   step 1: d = g + 0.1 w = (0.6, -0.8); buf = d; w = w - 0.1 buf = (0.94, 2.08)
    //   step 2: d = (0.5 + 0.094, -1 + 0.208) = (0.594, -0.792);
    //           buf = 0.9 (0.6, -0.8) + d = (1.134, -1.512); w = (0.94 - 0.1134, 2.08 + 0.1512)
    //           = (0.8266, 2.2312)
    // Bias b = 1, g = 0.5, no decay: step 1: buf = 0.5, b = 0.95; step 2: buf = 0.95, b = 0.855.
    // Gradients are zeroed after each step: if they accumulated, step 2 would see 2g.
    Parameter w = param("weight", Parameter.Type.WEIGHT, 1f, 2f);
    Parameter b = param("bias", Parameter.Type.BIAS, 1f);
    try (Optimizer sgd = Optimizers.create("sgd", 0.9, 0.1, m)) {
      for (int i = 0; i < 2; i++) {
        backward(w, new float[] {0.5f, -1f}, b, new float[] {0.5f});
        sgd.step(List.of(w, b), 0.1);
      }
    }
    assertArrayEquals(new float[] {0.8266f, 2.2312f}, w.getArray().toFloatArray(), 1e-5f);
    assertArrayEquals(new float[] {0.855f}, b.getArray().toFloatArray(), 1e-5f);
  }

  @Test
  void sgdAppliesTheLearningRateAfterTheMomentumBuffer() {
    // lr 1.0 then 0.5, momentum 0.5, no decay, g = 1 from w = 0:
    // step 1: buf = 1, w = -1; step 2: buf = 0.5 + 1 = 1.5, w = -1 - 0.5 * 1.5 = -1.75.
    // (Folding the LR into the buffer, as DJL's SGD does, would give -1 - (0.5 * 1 + 0.5) = -2.)
    Parameter w = param("weight", Parameter.Type.WEIGHT, 0f);
    Parameter b = param("bias", Parameter.Type.BIAS, 0f);
    try (Optimizer sgd = Optimizers.create("sgd", 0.5, 0.0, m)) {
      backward(w, new float[] {1f}, b, new float[] {0f});
      sgd.step(List.of(w, b), 1.0);
      backward(w, new float[] {1f}, b, new float[] {0f});
      sgd.step(List.of(w, b), 0.5);
    }
    assertEquals(-1.75f, w.getArray().getFloat(), 1e-6f);
  }

  @Test
  void adamWDecouplesDecayAndAdamStepsByTheGradientSign() {
    // With a constant gradient the bias-corrected moments are m_hat = g and v_hat = g^2, so each
    // step moves by lr * g / (|g| + eps) = lr * sign(g) (eps 1e-8 is negligible here).
    // AdamW first scales weights by (1 - lr * wd): lr 0.1, wd 0.5, w = 2, g = 3:
    //   step 1: w = 2 * 0.95 - 0.1 = 1.8; step 2: w = 1.8 * 0.95 - 0.1 = 1.61.
    // The bias (g = -2) is not decayed: 0 + 0.1 + 0.1 = 0.2.
    Parameter w = param("weight", Parameter.Type.WEIGHT, 2f);
    Parameter b = param("bias", Parameter.Type.BIAS, 0f);
    try (Optimizer adamw = Optimizers.create("adamw", 0.9, 0.5, m)) {
      for (int i = 0; i < 2; i++) {
        backward(w, new float[] {3f}, b, new float[] {-2f});
        adamw.step(List.of(w, b), 0.1);
      }
    }
    assertEquals(1.61f, w.getArray().getFloat(), 1e-5f);
    assertEquals(0.2f, b.getArray().getFloat(), 1e-5f);
  }

  @Test
  void adamAddsL2DecayToTheGradient() {
    // Adam (coupled L2): g' = g + wd * w = -0.001 + 1.0 * 4 = 3.999 > 0, so the first step is
    // -lr * sign(g') = -0.1: w = 3.9. The gradient alone would have pushed w up.
    Parameter w = param("weight", Parameter.Type.WEIGHT, 4f);
    Parameter b = param("bias", Parameter.Type.BIAS, 0f);
    try (Optimizer adam = Optimizers.create("adam", 0.9, 1.0, m)) {
      backward(w, new float[] {-0.001f}, b, new float[] {0f});
      adam.step(List.of(w, b), 0.1);
    }
    assertEquals(3.9f, w.getArray().getFloat(), 1e-5f);
  }

  @Test
  void frozenParametersAreSkipped() {
    Parameter w = param("weight", Parameter.Type.WEIGHT, 1f);
    Parameter b = param("bias", Parameter.Type.BIAS, 1f);
    backward(w, new float[] {1f}, b, new float[] {1f});
    w.freeze(true);
    try (Optimizer sgd = Optimizers.create("sgd", 0.9, 0.1, m)) {
      sgd.step(List.of(w, b), 0.1);
    }
    assertEquals(1f, w.getArray().getFloat());
    assertEquals(0.9f, b.getArray().getFloat(), 1e-6f);
  }

  @Test
  void unknownOptimizerIsRejectedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create("lars", 0.9, 0, m));
    assertEquals("unknown optimizer 'lars', expected one of [sgd, adam, adamw]", e.getMessage());
  }

  @Test
  void warmupCosineScheduleEndsAtZero() {
    // base 1, 2 warm-up steps, 6 steps: warm-up 0.5, 1.0; cosine over 4 steps:
    // step 2: progress 0 -> 1; step 3: 0.5 (1 + cos(pi/4)) = 0.85355339; step 4: 0.5;
    // step 5: 0.5 (1 + cos(3 pi / 4)) = 0.14644661; step 6 (end): 0.
    LrSchedule s = LrSchedule.warmupCosine(1.0, 2, 6);
    double[] expected = {0.5, 1.0, 1.0, 0.85355339, 0.5, 0.14644661, 0.0};
    for (int k = 0; k < expected.length; k++) {
      assertEquals(expected[k], s.at(k), 1e-8, "step " + k);
    }
    assertEquals(0.1, LrSchedule.warmupCosine(0.1, 0, 1).at(0), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> LrSchedule.warmupCosine(1, 7, 6));
  }
}

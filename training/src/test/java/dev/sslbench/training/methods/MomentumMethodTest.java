package dev.sslbench.training.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.optim.Optimizer;
import dev.sslbench.training.optim.Optimizers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MomentumMethodTest {
  private static final BackboneSpec SPEC = new BackboneSpec("custom", 4, new int[] {1, 1, 1, 1}, 1, "bn");
  private static final ImageShape INPUT = new ImageShape(12, 12, 1);

  @Test
  void tauFollowsTheCosineSchedule() {
    // tau_k = 1 - (1 - 0.99) (cos(pi k / K) + 1) / 2: k = 0 -> 0.99, k = K/2 -> 1 - 0.01 * 0.5 =
    // 0.995, k = K -> 1; k = K/4 -> 1 - 0.01 (0.70710678 + 1) / 2 = 0.99146447.
    assertEquals(0.99, MomentumMethod.tau(0.99, 0, 100), 1e-12);
    assertEquals(0.99146447, MomentumMethod.tau(0.99, 25, 100), 1e-8);
    assertEquals(0.995, MomentumMethod.tau(0.99, 50, 100), 1e-12);
    assertEquals(1.0, MomentumMethod.tau(0.99, 100, 100), 1e-12);
  }

  @Test
  void emaUpdateMatchesTheFormula() {
    // target = 0.9 * (3, 5) + 0.1 * (1, 2) = (2.8, 4.7); online is untouched.
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter online = fixed(m, "w", 1f, 2f);
      Parameter target = fixed(m, "w", 3f, 5f);
      MomentumMethod.emaUpdate(List.of(new Pair<>(online, target)), 0.9);
      assertArrayEquals(new float[] {2.8f, 4.7f}, target.getArray().toFloatArray(), 1e-6f);
      assertArrayEquals(new float[] {1f, 2f}, online.getArray().toFloatArray());
    }
  }

  private static Parameter fixed(NDManager m, String name, float... v) {
    Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(m.create(v)).build();
    p.initialize(m, DataType.FLOAT32);
    return p;
  }

  private static PretrainOptions options(double tauBase) {
    return Byol.defaults(SPEC).withHeads(16, 8, 16, "bn").withTauBase(tauBase).withBatchSize(8);
  }

  @Test
  void targetStartsAsACopyAndTheOptimizerNeverTouchesIt() {
    Engine.getInstance().setRandomSeed(11);
    try (NDManager m = NDManager.newBaseManager();
        Optimizer sgd = Optimizers.create("sgd", 0.9, 5e-4, m)) {
      // tau_base = 1 makes the EMA the identity, so any change to the target comes from the optimizer.
      Byol byol = new Byol(options(1.0), INPUT, m);
      List<Pair<Parameter, Parameter>> pairs = byol.emaPairs();
      assertFalse(pairs.isEmpty());
      for (Pair<Parameter, Parameter> p : pairs) {
        assertArrayEquals(p.getKey().getArray().toFloatArray(), p.getValue().getArray().toFloatArray());
        assertFalse(p.getValue().requiresGradient(), "target parameters must be frozen");
        assertFalse(byol.trainableParameters().contains(p.getValue()));
      }
      List<float[]> onlineBefore = values(pairs, true);
      List<float[]> targetBefore = values(pairs, false);
      step(byol, sgd, m);
      List<float[]> onlineAfter = values(pairs, true);
      List<float[]> targetAfter = values(pairs, false);
      for (int i = 0; i < pairs.size(); i++) {
        assertArrayEquals(targetBefore.get(i), targetAfter.get(i), "target changed: " + pairs.get(i).getKey().getName());
      }
      assertTrue(changed(onlineBefore, onlineAfter), "the online network must have moved");
    }
  }

  @Test
  void afterAStepTheTargetIsTheEmaOfTheUpdatedOnlineNetwork() {
    Engine.getInstance().setRandomSeed(12);
    try (NDManager m = NDManager.newBaseManager();
        Optimizer sgd = Optimizers.create("sgd", 0.9, 5e-4, m)) {
      Byol byol = new Byol(options(0.9), INPUT, m);
      List<Pair<Parameter, Parameter>> pairs = byol.emaPairs();
      List<float[]> targetBefore = values(pairs, false);
      // Step 0 of 10 uses tau_0 = tau_base = 0.9.
      assertEquals(0.9, step(byol, sgd, m), 1e-12);
      List<float[]> onlineAfter = values(pairs, true);
      List<float[]> targetAfter = values(pairs, false);
      for (int i = 0; i < pairs.size(); i++) {
        float[] expected = new float[targetBefore.get(i).length];
        for (int j = 0; j < expected.length; j++) {
          expected[j] = 0.9f * targetBefore.get(i)[j] + 0.1f * onlineAfter.get(i)[j];
        }
        assertArrayEquals(expected, targetAfter.get(i), 1e-6f);
      }
    }
  }

  private static double step(Byol byol, Optimizer sgd, NDManager m) {
    try (NDManager s = m.newSubManager()) {
      NDArray x1 = s.randomNormal(new Shape(8, 1, 12, 12));
      NDArray x2 = s.randomNormal(new Shape(8, 1, 12, 12));
      StepResult r = byol.trainStep(x1, x2, sgd, 0.5, 0, 10);
      assertTrue(Double.isFinite(r.loss()));
      return r.extras().get("tau");
    }
  }

  private static List<float[]> values(List<Pair<Parameter, Parameter>> pairs, boolean online) {
    List<float[]> out = new ArrayList<>();
    for (Pair<Parameter, Parameter> p : pairs) {
      out.add((online ? p.getKey() : p.getValue()).getArray().toFloatArray());
    }
    return out;
  }

  private static boolean changed(List<float[]> a, List<float[]> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return true;
      }
    }
    return false;
  }
}

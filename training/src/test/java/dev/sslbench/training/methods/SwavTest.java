package dev.sslbench.training.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.optim.Optimizer;
import dev.sslbench.training.optim.Optimizers;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SwavTest {
  private static final BackboneSpec SPEC = new BackboneSpec("custom", 4, new int[] {1, 1, 1, 1}, 1, "bn");
  private static final ImageShape INPUT = new ImageShape(12, 12, 1);

  private static void assertUnitRows(Swav swav) {
    float[] norms = swav.prototypes().getArray().norm(new int[] {1}).toFloatArray();
    float[] ones = new float[norms.length];
    Arrays.fill(ones, 1f);
    assertArrayEquals(ones, norms, 1e-5f);
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  @Test
  void prototypesStayUnitLengthAndTheOptimizerLeavesThemAloneWhileFrozen() {
    Engine.getInstance().setRandomSeed(31);
    PretrainOptions o = Swav.defaults(SPEC).withHeads(16, 8, 16, "bn").withBatchSize(8);
    o = o.withMethodParams(o.methodParams().withSwav(10, 0.05, 3, 2));
    try (NDManager m = NDManager.newBaseManager();
        Optimizer sgd = Optimizers.create("sgd", 0.9, 5e-4, m)) {
      Swav swav = new Swav(o, INPUT, m);
      assertEquals(new Shape(10, 8), swav.prototypes().getArray().getShape());
      assertTrue(swav.trainableParameters().contains(swav.prototypes()));
      assertUnitRows(swav);
      float[] initial = swav.prototypes().getArray().toFloatArray();
      for (int step = 0; step < 3; step++) {
        float[] before = swav.prototypes().getArray().toFloatArray();
        try (NDManager s = m.newSubManager()) {
          StepResult r = swav.trainStep(
              s.randomNormal(new Shape(8, 1, 12, 12)), s.randomNormal(new Shape(8, 1, 12, 12)), sgd, 0.5, step, 3);
          assertTrue(Double.isFinite(r.loss()) && r.loss() > 0, "loss " + r.loss());
        }
        float[] after = swav.prototypes().getArray().toFloatArray();
        assertUnitRows(swav);
        if (step < 2) {
          assertTrue(swav.prototypesFrozen(step));
          // Re-normalising unit rows may move the last float bit, nothing more.
          assertArrayEquals(initial, after, 1e-6f, "prototypes moved in frozen step " + step);
        } else {
          assertFalse(swav.prototypesFrozen(step));
          assertTrue(maxAbsDiff(before, after) > 1e-4, "prototypes must learn once unfrozen");
        }
      }
    }
  }
}

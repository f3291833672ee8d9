package dev.sslbench.training.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.losses.Vectors;
import dev.sslbench.training.optim.Optimizer;
import dev.sslbench.training.optim.Optimizers;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MocoV2Test {
  private static final BackboneSpec SPEC = new BackboneSpec("custom", 4, new int[] {1, 1, 1, 1}, 1, "bn");
  private static final ImageShape INPUT = new ImageShape(12, 12, 1);

  private static PretrainOptions options(double tauBase, int queue, boolean symmetric) {
    PretrainOptions o = MocoV2.defaults(SPEC).withHeads(16, 8, 16, "none").withTauBase(tauBase).withBatchSize(8);
    return o.withMethodParams(o.methodParams().withQueue(queue, symmetric));
  }

  @Test
  void aQueueThatIsNotAMultipleOfTheBatchFailsNamingBothNumbers() {
    try (NDManager m = NDManager.newBaseManager()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new MocoV2(options(0.99, 100, true), INPUT, m));
      assertTrue(e.getMessage().contains("queue size 100") && e.getMessage().contains("batch size 8"), e.getMessage());
    }
  }

  @Test
  void theOptimizerNeverMovesTheKeyEncoderAndTheStepsKeysJoinTheQueue() {
    Engine.getInstance().setRandomSeed(21);
    try (NDManager m = NDManager.newBaseManager();
        Optimizer sgd = Optimizers.create("sgd", 0.9, 5e-4, m)) {
      // tau_base = 1 makes the EMA the identity, so any change to the key encoder would come from
      // the optimizer.
      MocoV2 moco = new MocoV2(options(1.0, 32, false), INPUT, m);
      List<Pair<Parameter, Parameter>> pairs = moco.emaPairs();
      assertFalse(pairs.isEmpty());
      for (Pair<Parameter, Parameter> p : pairs) {
        assertFalse(moco.trainableParameters().contains(p.getValue()));
      }
      List<float[]> keyBefore = pairs.stream().map(p -> p.getValue().getArray().toFloatArray()).toList();
      List<float[]> onlineBefore = pairs.stream().map(p -> p.getKey().getArray().toFloatArray()).toList();
      float[] queueTail = moco.queue().keys().get("8:32").toFloatArray();
      try (NDManager s = m.newSubManager()) {
        NDArray x1 = s.randomNormal(new Shape(8, 1, 12, 12));
        NDArray x2 = s.randomNormal(new Shape(8, 1, 12, 12));
        StepResult r = moco.trainStep(x1, x2, sgd, 0.5, 0, 10);
        assertTrue(Double.isFinite(r.loss()) && r.loss() > 0, "loss " + r.loss());
        assertEquals(1.0, r.extras().get("tau"), 1e-12);
        boolean onlineMoved = false;
        for (int i = 0; i < pairs.size(); i++) {
          assertArrayEquals(keyBefore.get(i), pairs.get(i).getValue().getArray().toFloatArray(),
              "key encoder changed: " + pairs.get(i).getKey().getName());
          onlineMoved |= !Arrays.equals(onlineBefore.get(i), pairs.get(i).getKey().getArray().toFloatArray());
        }
        assertTrue(onlineMoved, "the query encoder must have moved");
        // The unchanged key encoder gives the same keys again (training-mode BN uses batch
        // statistics): they fill the first B rows, the rest of the queue is untouched.
        float[] keys = Vectors.l2Normalize(moco.targetProject(x2)).toFloatArray();
        assertArrayEquals(keys, moco.queue().keys().get("0:8").toFloatArray(), 1e-5f);
        assertArrayEquals(queueTail, moco.queue().keys().get("8:32").toFloatArray());
        assertEquals(8, moco.queue().pointer());
      }
    }
  }

  @Test
  void theEmaMovesTheKeyEncoderWhenTauIsBelowOne() {
    Engine.getInstance().setRandomSeed(22);
    try (NDManager m = NDManager.newBaseManager();
        Optimizer sgd = Optimizers.create("sgd", 0.9, 5e-4, m)) {
      MocoV2 moco = new MocoV2(options(0.9, 16, true), INPUT, m);
      Parameter key = moco.emaPairs().get(0).getValue();
      float[] before = key.getArray().toFloatArray();
      try (NDManager s = m.newSubManager()) {
        moco.trainStep(s.randomNormal(new Shape(8, 1, 12, 12)), s.randomNormal(new Shape(8, 1, 12, 12)), sgd, 0.5, 0, 10);
      }
      assertNotEquals(Arrays.toString(before), Arrays.toString(key.getArray().toFloatArray()));
    }
  }
}

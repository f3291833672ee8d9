package dev.sslbench.training.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.losses.ByolLoss;
import dev.sslbench.training.losses.SimSiamLoss;
import dev.sslbench.training.optim.Optimizer;
import dev.sslbench.training.optim.Optimizers;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The stop-gradient, predictor and tau_base = 0 switches of BYOL and SimSiam. */
class AblationSwitchesTest {
  private static final BackboneSpec SPEC = new BackboneSpec("custom", 4, new int[] {1, 1, 1, 1}, 1, "bn");
  private static final ImageShape INPUT = new ImageShape(12, 12, 1);

  private static PretrainOptions byol(Function<PretrainOptions.MethodParams, PretrainOptions.MethodParams> params) {
    PretrainOptions o = Byol.defaults(SPEC).withHeads(16, 8, 16, "bn").withBatchSize(8);
    return o.withMethodParams(params.apply(o.methodParams()));
  }

  /** Gradient reaching {@code z} when the loss is built from independent p and z arrays. */
  private static float zGradient(boolean simSiam, boolean stopGradient) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray p1 = m.randomNormal(new Shape(4, 6));
      NDArray p2 = m.randomNormal(new Shape(4, 6));
      NDArray z1 = m.randomNormal(new Shape(4, 6));
      NDArray z2 = m.randomNormal(new Shape(4, 6));
      for (NDArray a : new NDArray[] {p1, p2, z1, z2}) {
        a.setRequiresGradient(true);
      }
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        NDArray loss = simSiam
            ? SimSiamLoss.loss(p1, p2, z1, z2, stopGradient)
            : ByolLoss.symmetric(p1, p2, z1, z2, stopGradient);
        // Same value either way: the switch only changes where gradients go.
        NDArray reference = simSiam ? SimSiamLoss.loss(p1, p2, z1, z2) : ByolLoss.symmetric(p1, p2, z1, z2);
        assertEquals(reference.getFloat(), loss.getFloat(), 1e-6f);
        c.backward(loss);
      }
      assertTrue(p1.getGradient().abs().sum().getFloat() > 0);
      return z1.getGradient().abs().sum().getFloat() + z2.getGradient().abs().sum().getFloat();
    }
  }

  @Test
  void stopGradientSwitchDecidesWhetherTheTargetBranchGetsAGradient() {
    assertEquals(0f, zGradient(true, true));
    assertTrue(zGradient(true, false) > 0);
    assertEquals(0f, zGradient(false, true));
    assertTrue(zGradient(false, false) > 0);
  }

  @Test
  void tauBaseZeroKeepsTheTargetEqualToTheOnlineNetwork() {
    assertEquals(0.0, MomentumMethod.tau(0, 7, 10));
    Engine.getInstance().setRandomSeed(21);
    try (NDManager m = NDManager.newBaseManager();
        Optimizer sgd = Optimizers.create("sgd", 0.9, 5e-4, m)) {
      Byol b = new Byol(byol(p -> p).withTauBase(0), INPUT, m);
      for (int step = 0; step < 3; step++) {
        assertEquals(0.0, step(b, sgd, m, step));
      }
      for (Pair<Parameter, Parameter> pair : b.emaPairs()) {
        assertArrayEquals(pair.getKey().getArray().toFloatArray(), pair.getValue().getArray().toFloatArray(),
            pair.getKey().getName());
      }
    }
  }

  @Test
  void byolWithoutPredictorOrStopGradientTrains() {
    Engine.getInstance().setRandomSeed(22);
    try (NDManager m = NDManager.newBaseManager();
        Optimizer sgd = Optimizers.create("sgd", 0.9, 5e-4, m)) {
      Byol full = new Byol(byol(p -> p), INPUT, m);
      Byol noPredictor = new Byol(byol(p -> p.withPredictor(false)), INPUT, m);
      // The predictor 8 -> 16 -> 8 (Linear without bias, BN scale and shift, Linear with bias).
      long predictor = 8 * 16 + 2 * 16 + 16 * 8 + 8;
      assertEquals(count(full) - predictor, count(noPredictor));
      step(noPredictor, sgd, m, 0);
      Byol noSg = new Byol(byol(p -> p.withStopGradient(false)).withTauBase(0), INPUT, m);
      step(noSg, sgd, m, 0);
    }
  }

  @Test
  void byolWithoutStopGradientNeedsTheOnlineNetworkAsTarget() {
    try (NDManager m = NDManager.newBaseManager()) {
      IllegalArgumentException e = assertThrows(
          IllegalArgumentException.class, () -> new Byol(byol(p -> p.withStopGradient(false)), INPUT, m));
      assertTrue(e.getMessage().startsWith("stopGradient"), e.getMessage());
    }
  }

  private static long count(SslMethod method) {
    return method.trainableParameters().stream().mapToLong(p -> p.getShape().size()).sum();
  }

  private static Double step(Byol byol, Optimizer sgd, NDManager m, long step) {
    try (NDManager s = m.newSubManager()) {
      StepResult r = byol.trainStep(
          s.randomNormal(new Shape(8, 1, 12, 12)), s.randomNormal(new Shape(8, 1, 12, 12)), sgd, 0.5, step, 10);
      assertTrue(Double.isFinite(r.loss()));
      return r.extras().get("tau");
    }
  }
}

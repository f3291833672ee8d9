package dev.sslbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sslbench.training.backbone.BackboneSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PretrainOptionsTest {
  private static final BackboneSpec R18 = BackboneSpec.preset("resnet18", 3);
  private static final BackboneSpec TINY = BackboneSpec.preset("resnet-tiny", 1);

  @Test
  void byolDefaultsFollowTheSmallImageRecipe() {
    PretrainOptions o = PretrainOptions.defaults("byol", R18);
    assertEquals(256, o.batchSize());
    assertEquals("sgd", o.optimizer());
    assertEquals(0.12, o.lr(), 1e-12);
    assertEquals(0.99, o.tauBase());
    assertEquals(1024, o.projectorHidden());
    assertEquals(256, o.projectorOut());
  }

  @Test
  void simSiamDefaultsScaleTheLearningRateWithTheBatch() {
    PretrainOptions o = PretrainOptions.defaults("simsiam", R18);
    assertEquals(0.05, o.lr(), 1e-12);
    assertEquals(1e-4, o.weightDecay());
    assertEquals(2048, o.projectorHidden());
    assertEquals(512, o.predictorHidden());
    // lr = 0.05 * B / 256.
    assertEquals(0.1, o.withBatchSize(512).lr(), 1e-12);
    // The tiny preset gets narrower heads, still options.
    assertEquals(512, PretrainOptions.defaults("simsiam", TINY).projectorHidden());
  }

  @Test
  void asParamsIsFlatAndComplete() {
    Map<String, String> p = PretrainOptions.defaults("byol", TINY).asParams();
    assertEquals("byol", p.get("method"));
    assertEquals("resnet-tiny", p.get("backbone"));
    assertEquals("1,1,1,1", p.get("backbone_blocks"));
    assertEquals("0.99", p.get("tau_base"));
    assertEquals("bias,norm", p.get("weight_decay_excludes"));
    for (String key : new String[] {"epochs", "batch_size", "optimizer", "lr", "weight_decay",
        "momentum", "warmup_epochs", "projector_hidden", "projector_out", "predictor_hidden",
        "seed", "log_every", "max_steps"}) {
      assertTrue(p.containsKey(key), key);
    }
    assertFalse(PretrainOptions.defaults("simsiam", TINY).asParams().containsKey("tau_base"));
  }

  @Test
  void invalidOptionsNameTheKey() {
    PretrainOptions o = PretrainOptions.defaults("byol", TINY);
    assertEquals(
        "unknown method 'dino', expected one of [byol, simsiam, simclr, mocov2, barlow, swav]",
        assertThrows(IllegalArgumentException.class, () -> PretrainOptions.defaults("dino", TINY)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withEpochs(0)).getMessage().startsWith("epochs"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withOptimizer("lars", 1, 0, 0.9))
        .getMessage().startsWith("optimizer"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withHeads(8, 8, 8, "gn"))
        .getMessage().startsWith("headNorm"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withBatchSize(1))
        .getMessage().startsWith("batchSize"));
  }

  @Test
  void newMethodsHaveTheirDefaults() {
    PretrainOptions simclr = PretrainOptions.defaults("simclr", R18);
    assertEquals(0.2, simclr.methodParams().temperature());
    assertEquals(2048, simclr.projectorHidden());
    assertEquals(128, PretrainOptions.defaults("simclr", TINY).projectorOut());
    PretrainOptions moco = PretrainOptions.defaults("mocov2", R18);
    assertEquals(4096, moco.methodParams().queueSize());
    assertEquals(0.99, moco.tauBase());
    assertEquals("none", moco.headNorm());
    PretrainOptions swav = PretrainOptions.defaults("swav", R18);
    assertEquals(0.1, swav.methodParams().temperature());
    assertEquals(512, swav.methodParams().prototypes());
    assertEquals(0.05, swav.methodParams().sinkhornEps());
    assertEquals(3, swav.methodParams().sinkhornIterations());
    PretrainOptions barlow = PretrainOptions.defaults("barlow", R18);
    assertEquals(0.0051, barlow.methodParams().barlowLambda());
    assertEquals(2048, barlow.projectorHidden());
    assertEquals(512, PretrainOptions.defaults("barlow", TINY).projectorHidden());
  }

  @Test
  void methodParamsSurviveEveryWithAndTheOriginalConstructorStillWorks() {
    PretrainOptions o = PretrainOptions.defaults("mocov2", TINY);
    PretrainOptions.MethodParams p = o.methodParams().withTemperature(0.07).withQueue(512, false);
    PretrainOptions changed = o.withMethodParams(p).withBatchSize(128).withEpochs(3).withSeed(7)
        .withHeads(64, 32, 64, "bn").withLogEvery(5).withMaxSteps(9).withShuffleBuffer(100)
        .withWarmupEpochs(0.5).withTauBase(0.996).withOptimizer("adamw", 1e-3, 0.05, 0.9);
    assertEquals(p, changed.methodParams());
    // The 18-field constructor fills in the method's defaults.
    PretrainOptions legacy = new PretrainOptions("swav", TINY, 1, 8, "sgd", 0.1, 0, 0.9, 0, 0,
        16, 8, 16, "bn", 1L, 1, 0L, 64);
    assertEquals(PretrainOptions.MethodParams.defaults("swav"), legacy.methodParams());
    assertEquals(PretrainOptions.defaults("byol", TINY).withMethodParams(null),
        PretrainOptions.defaults("byol", TINY));
  }

  @Test
  void asParamsLogsTheMethodParamsEachMethodReads() {
    Map<String, String> moco = PretrainOptions.defaults("mocov2", TINY).asParams();
    assertEquals("0.2", moco.get("temperature"));
    assertEquals("4096", moco.get("queue_size"));
    assertEquals("true", moco.get("symmetric"));
    assertEquals("0.99", moco.get("tau_base"));
    assertFalse(moco.containsKey("prototypes"));
    Map<String, String> swav = PretrainOptions.defaults("swav", TINY).asParams();
    for (String key : new String[] {"temperature", "prototypes", "sinkhorn_eps", "sinkhorn_iterations",
        "freeze_prototype_steps", "swav_queue"}) {
      assertTrue(swav.containsKey(key), key);
    }
    assertFalse(swav.containsKey("tau_base"));
    Map<String, String> barlow = PretrainOptions.defaults("barlow", TINY).asParams();
    assertEquals("0.0051", barlow.get("barlow_lambda"));
    assertFalse(barlow.containsKey("temperature"));
    assertEquals("0.2", PretrainOptions.defaults("simclr", TINY).asParams().get("temperature"));
    Map<String, String> byol = PretrainOptions.defaults("byol", TINY).asParams();
    assertFalse(byol.containsKey("temperature") || byol.containsKey("queue_size") || byol.containsKey("barlow_lambda"));
  }

  @Test
  void invalidMethodParamsNameTheKey() {
    PretrainOptions.MethodParams p = PretrainOptions.MethodParams.defaults("swav");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> p.withTemperature(0))
        .getMessage().startsWith("temperature"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> p.withQueue(0, true))
        .getMessage().startsWith("queueSize"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> p.withSwav(0, 0.05, 3, 0))
        .getMessage().startsWith("prototypes"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> p.withSwav(8, 0, 3, 0))
        .getMessage().startsWith("sinkhornEps"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> p.withSwav(8, 0.05, 0, 0))
        .getMessage().startsWith("sinkhornIterations"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> p.withSwav(8, 0.05, 3, -1))
        .getMessage().startsWith("freezePrototypeSteps"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> p.withBarlow(-1, 1))
        .getMessage().startsWith("barlowLambda"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> p.withBarlow(0.0051, 0))
        .getMessage().startsWith("barlowScale"));
  }

  @Test
  void headNormSetsBothHeadsAndHeadNormsSetThemApart() {
    PretrainOptions o = PretrainOptions.defaults("byol", TINY).withHeads(64, 32, 64, "LN");
    assertEquals("ln", o.projectorNorm());
    assertEquals("ln", o.predictorNorm());
    assertEquals("ln", o.headNorm());
    PretrainOptions split = o.withHeadNorms("bn", "none");
    assertEquals("bn", split.headNorm());
    Map<String, String> p = split.asParams();
    assertEquals("bn", p.get("projector_norm"));
    assertEquals("none", p.get("predictor_norm"));
    assertFalse(PretrainOptions.defaults("simclr", TINY).asParams().containsKey("predictor_norm"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withHeadNorms("bn", "gn_ws"))
        .getMessage().startsWith("predictorNorm"));
    // The original 19-field constructor takes one norm for both heads.
    PretrainOptions legacy = new PretrainOptions("byol", TINY, 1, 8, "sgd", 0.1, 0, 0.9, 0, 0.99,
        16, 8, 16, "none", 1L, 1, 0L, 64, null);
    assertEquals("none", legacy.predictorNorm());
    assertEquals("gn_ws", o.withBackbone(TINY.withNorm("gn_ws")).asParams().get("backbone_norm"));
  }

  @Test
  void ablationSwitchesDefaultOnAndAreLoggedForTheMethodsThatReadThem() {
    PretrainOptions byol = PretrainOptions.defaults("byol", TINY);
    assertTrue(byol.methodParams().stopGradient() && byol.methodParams().predictor());
    PretrainOptions.MethodParams off = byol.methodParams().withStopGradient(false).withPredictor(false);
    Map<String, String> p = byol.withTauBase(0).withMethodParams(off).asParams();
    assertEquals("false", p.get("stop_gradient"));
    assertEquals("false", p.get("predictor"));
    assertEquals("0.0", p.get("tau_base"));
    Map<String, String> simsiam = PretrainOptions.defaults("simsiam", TINY).asParams();
    assertEquals("true", simsiam.get("stop_gradient"));
    assertFalse(simsiam.containsKey("predictor"));
    assertFalse(PretrainOptions.defaults("mocov2", TINY).asParams().containsKey("stop_gradient"));
    assertEquals(PretrainOptions.MethodParams.defaults("byol"),
        new PretrainOptions.MethodParams(0.2, 4096, true, 512, 0.05, 3, 313, 0.0051, 1.0));
  }
}

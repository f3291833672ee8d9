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
        "unknown method 'swav', expected one of [byol, simsiam]",
        assertThrows(IllegalArgumentException.class, () -> PretrainOptions.defaults("swav", TINY)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withEpochs(0)).getMessage().startsWith("epochs"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withOptimizer("lars", 1, 0, 0.9))
        .getMessage().startsWith("optimizer"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withHeads(8, 8, 8, "gn"))
        .getMessage().startsWith("headNorm"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> o.withBatchSize(1))
        .getMessage().startsWith("batchSize"));
  }
}

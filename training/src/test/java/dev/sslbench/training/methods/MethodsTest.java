package dev.sslbench.training.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.BackboneSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodsTest {
  private static final BackboneSpec SPEC = new BackboneSpec("custom", 4, new int[] {1, 1, 1, 1}, 1, "bn");

  @Test
  void everyNameCreatesItsMethodFromItsDefaults() {
    assertEquals(List.of("byol", "simsiam", "simclr", "mocov2", "barlow", "swav"), Methods.NAMES);
    Engine.getInstance().setRandomSeed(1);
    try (NDManager m = NDManager.newBaseManager()) {
      for (String name : Methods.NAMES) {
        PretrainOptions o = Methods.defaults(name.toUpperCase(java.util.Locale.ROOT), SPEC).withHeads(16, 8, 16, "bn");
        assertEquals(name, o.method());
        SslMethod method = Methods.create(name, o, new ImageShape(12, 12, 1), m);
        assertEquals(name, method.name());
        assertEquals(Methods.usesMomentum(name), method instanceof MomentumMethod, name);
      }
    }
    assertTrue(Methods.usesMomentum("mocov2"));
    assertFalse(Methods.usesMomentum("simclr") || Methods.usesMomentum("barlow") || Methods.usesMomentum("swav"));
  }
}

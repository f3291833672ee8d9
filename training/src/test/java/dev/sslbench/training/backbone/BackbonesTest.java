package dev.sslbench.training.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BackbonesTest {

  private static long learnableParameters(Block b) {
    return b.getParameters().values().stream()
        .filter(Parameter::requiresGradient)
        .mapToLong(p -> p.getShape().size())
        .sum();
  }

  @Test
  void resnet18HasTheCifarResNet18ParameterCount() {
    // torchvision resnet18 with the CIFAR stem (3x3 conv1, no max-pool) and no fc layer:
    // 11,173,962 parameters with a 10-class fc, minus 512 * 10 + 10 = 11,168,832.
    try (NDManager m = NDManager.newBaseManager()) {
      BackboneSpec spec = BackboneSpec.preset("resnet18", 3);
      Block b = Backbones.create(spec);
      Backbones.initialize(b, spec, m);
      assertEquals(11_168_832L, learnableParameters(b));
      assertEquals(512, spec.featureDim());
    }
  }

  @Test
  void tinyBackboneKeepsResolutionInTheStemAndPoolsToFeatureDim() {
    try (NDManager m = NDManager.newBaseManager()) {
      BackboneSpec spec = BackboneSpec.preset("resnet-tiny", 1);
      Block b = Backbones.create(spec);
      Backbones.initialize(b, spec, m);
      Shape[] out = b.getOutputShapes(new Shape[] {new Shape(5, 1, 28, 28)});
      assertEquals(new Shape(5, spec.featureDim()), out[0]);
      // The stem conv is 3x3 stride 1 with padding 1: a 28x28 input stays 28x28.
      Block stem = b.getChildren().get(0).getValue();
      assertEquals(new Shape(5, spec.width(), 28, 28), stem.getOutputShapes(new Shape[] {new Shape(5, 1, 28, 28)})[0]);
      NDArray y =
          b.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(5, 1, 28, 28))), false)
              .singletonOrThrow();
      assertEquals(new Shape(5, spec.featureDim()), y.getShape());
    }
  }

  @Test
  void randomInitIsReproducibleBySeed() {
    BackboneSpec spec = BackboneSpec.preset("resnet-tiny", 1);
    try (NDManager m = NDManager.newBaseManager()) {
      float[] a = firstWeights(Backbones.randomInit(spec, 5, m));
      float[] b = firstWeights(Backbones.randomInit(spec, 5, m));
      float[] c = firstWeights(Backbones.randomInit(spec, 6, m));
      assertArrayEquals(a, b);
      assertFalse(Arrays.equals(a, c));
    }
  }

  private static float[] firstWeights(Block b) {
    return b.getParameters().valueAt(0).getArray().toFloatArray();
  }

  @Test
  void normIsASwitchAndBadSpecsAreRejected() {
    BackboneSpec none = BackboneSpec.preset("resnet-tiny", 3).withNorm("none");
    try (NDManager m = NDManager.newBaseManager()) {
      Block b = Backbones.create(none);
      Backbones.initialize(b, none, m);
      // Without norms the convs carry biases and there are no running statistics.
      assertFalse(b.getParameters().values().stream().anyMatch(p -> p.getType() == Parameter.Type.RUNNING_MEAN));
    }
    assertEquals(
        "unknown backbone norm 'gn', expected one of [bn, gn_ws, ln, none]",
        assertThrows(IllegalArgumentException.class, () -> BackboneSpec.preset("resnet18", 3).withNorm("gn")).getMessage());
    assertEquals(
        "unknown backbone preset 'resnet50', expected one of [resnet18, resnet-small, resnet-tiny]",
        assertThrows(IllegalArgumentException.class, () -> BackboneSpec.preset("resnet50", 3)).getMessage());
    assertEquals(8, BackboneSpec.preset("resnet-tiny", 1).width());
    assertEquals(16, BackboneSpec.preset("RESNET-SMALL", 1).width());
    assertThrows(IllegalArgumentException.class, () -> new BackboneSpec("x", 8, new int[] {1, 1}, 1, "bn"));
  }

  @Test
  void everyNormTrainsForwardAndBackward() {
    for (String norm : BackboneSpec.NORMS) {
      BackboneSpec spec = new BackboneSpec("custom", 4, new int[] {1, 1, 1, 1}, 1, norm);
      try (NDManager m = NDManager.newBaseManager()) {
        Block b = Backbones.randomInit(spec, 3, m);
        NDArray y;
        try (ai.djl.training.GradientCollector c = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
          y = b.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(3, 1, 12, 12))), true)
              .singletonOrThrow();
          c.backward(y.square().sum());
        }
        assertEquals(new Shape(3, spec.featureDim()), y.getShape(), norm);
        assertFalse(y.isNaN().any().getBoolean() || y.isInfinite().any().getBoolean(), norm);
        // Every learnable parameter, the first convolution's included, gets a gradient.
        for (Parameter p : b.getParameters().values()) {
          if (p.requiresGradient()) {
            assertTrue(p.getArray().getGradient().abs().sum().getFloat() > 0, norm + " " + p.getName());
          }
        }
      }
    }
  }

  @Test
  void normSwitchPicksTheLayersAfterEachConvolution() {
    assertEquals(java.util.List.of("bn", "gn_ws", "ln", "none"), BackboneSpec.NORMS);
    try (NDManager m = NDManager.newBaseManager()) {
      Block gn = Backbones.randomInit(new BackboneSpec("custom", 8, new int[] {1, 1, 1, 1}, 1, "gn_ws"), 1, m);
      // The stem is a weight-standardised conv followed by GroupNorm with 4 groups of 8 channels.
      java.util.List<Block> stem = gn.getChildren().values().subList(0, 2);
      assertTrue(stem.get(0) instanceof dev.sslbench.training.layers.WsConv2d, stem.get(0).getClass().getName());
      assertEquals(4, ((dev.sslbench.training.layers.GroupNorm) stem.get(1)).groups());
      assertFalse(gn.getParameters().values().stream().anyMatch(p -> p.getType() == Parameter.Type.RUNNING_MEAN));
      Block ln = Backbones.randomInit(new BackboneSpec("custom", 8, new int[] {1, 1, 1, 1}, 1, "ln"), 1, m);
      assertEquals(1, ((dev.sslbench.training.layers.GroupNorm) ln.getChildren().values().get(1)).groups());
      assertTrue(ln.getChildren().values().get(0) instanceof ai.djl.nn.convolutional.Conv2d);
    }
  }
}

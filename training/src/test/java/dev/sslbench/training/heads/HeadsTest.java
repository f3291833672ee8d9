package dev.sslbench.training.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadsTest {

  private static List<Pair<String, Parameter>> init(Block b, int in) {
    try (NDManager m = NDManager.newBaseManager()) {
      b.initialize(m, DataType.FLOAT32, new Shape(2, in));
      assertEquals(new Shape(4, outDim(b, in)), b.getOutputShapes(new Shape[] {new Shape(4, in)})[0]);
      return b.getParameters().stream().toList();
    }
  }

  private static long outDim(Block b, int in) {
    return b.getOutputShapes(new Shape[] {new Shape(1, in)})[0].get(1);
  }

  @Test
  void byolMlpIsLinearBnReluLinear() {
    Block head = Heads.byolMlp(32, 8, "bn");
    List<Pair<String, Parameter>> params = init(head, 16);
    // Linear(16->32, no bias: BN shifts), BN(32), Linear(32->8, bias).
    assertEquals(8, outDim(head, 16));
    long learnable = params.stream().map(Pair::getValue).filter(Parameter::requiresGradient)
        .mapToLong(p -> p.getShape().size()).sum();
    assertEquals(16 * 32 + 2 * 32 + 32 * 8 + 8, learnable);
  }

  @Test
  void simSiamProjectorEndsWithAnAffineFreeBatchNorm() {
    Block head = Heads.simSiamProjector(32, 24, "bn");
    List<Pair<String, Parameter>> params = init(head, 16);
    List<Parameter> gammas = params.stream().map(Pair::getValue)
        .filter(p -> p.getType() == Parameter.Type.GAMMA).toList();
    assertEquals(3, gammas.size());
    assertTrue(gammas.get(0).requiresGradient());
    assertTrue(gammas.get(1).requiresGradient());
    assertFalse(gammas.get(2).requiresGradient(), "last BN must have no learnable scale");
  }

  @Test
  void normSwitchChangesTheLayers() {
    List<Pair<String, Parameter>> none = init(Heads.byolMlp(32, 8, "none"), 16);
    assertFalse(none.stream().anyMatch(p -> p.getValue().getType() == Parameter.Type.GAMMA));
    // Without a norm the hidden Linear keeps its bias.
    assertEquals(2, none.stream().filter(p -> p.getValue().getType() == Parameter.Type.BIAS).count());
    List<Pair<String, Parameter>> ln = init(Heads.byolMlp(32, 8, "ln"), 16);
    assertFalse(ln.stream().anyMatch(p -> p.getValue().getType() == Parameter.Type.RUNNING_MEAN));
    assertTrue(ln.stream().anyMatch(p -> p.getValue().getType() == Parameter.Type.GAMMA));
    assertEquals(24, outDim(Heads.simSiamPredictor(8, 24, "bn"), 24));
  }
}

package dev.sslbench.training.heads;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.sslbench.training.layers.Norms;
import java.util.List;

/**
 * The projection and prediction MLPs of BYOL and SimSiam, with a norm switch ({@code bn}, {@code
 * ln}, {@code none}) so the BatchNorm ablations are a config change.
 */
public final class Heads {

  private Heads() {}

  /**
   * Linear-[norm]-ReLU-...-Linear: one Linear per entry of {@code widths}, each but the last
   * followed by the norm and a ReLU. Linears followed by a norm have no bias (the norm's shift
   * replaces it).
   */
  public static Block mlp(List<Integer> widths, String norm) {
    if (widths.isEmpty()) {
      throw new IllegalArgumentException("an MLP head needs at least one layer");
    }
    SequentialBlock mlp = new SequentialBlock();
    for (int i = 0; i < widths.size(); i++) {
      boolean last = i == widths.size() - 1;
      mlp.add(linear(widths.get(i), last || !Norms.replacesBias(norm)));
      if (!last) {
        mlp.add(Norms.create(norm, true)).add(Activation.reluBlock());
      }
    }
    return mlp;
  }

  /** BYOL projector (and, with the same shape, predictor): Linear-BN-ReLU-Linear. */
  public static Block byolMlp(int hidden, int out, String norm) {
    return mlp(List.of(hidden, out), norm);
  }

  /**
   * SimSiam projector: three Linears of {@code hidden}, {@code hidden}, {@code out} units, each
   * followed by a norm; ReLU after the first two; the last BN has no affine parameters, as in the
   * paper. With {@code norm = none} there is no norm anywhere.
   */
  public static Block simSiamProjector(int hidden, int out, String norm) {
    SequentialBlock mlp = new SequentialBlock();
    boolean noBias = Norms.replacesBias(norm);
    mlp.add(linear(hidden, !noBias)).add(Norms.create(norm, true)).add(Activation.reluBlock());
    mlp.add(linear(hidden, !noBias)).add(Norms.create(norm, true)).add(Activation.reluBlock());
    mlp.add(linear(out, !noBias)).add(Norms.create(norm, false));
    return mlp;
  }

  /** SimSiam predictor: bottleneck Linear(out -> bottleneck)-BN-ReLU-Linear(bottleneck -> out). */
  public static Block simSiamPredictor(int bottleneck, int out, String norm) {
    return mlp(List.of(bottleneck, out), norm);
  }

  private static Block linear(int units, boolean bias) {
    if (units <= 0) {
      throw new IllegalArgumentException("head layer width must be positive, got " + units);
    }
    return Linear.builder().setUnits(units).optBias(bias).build();
  }
}

package dev.sslbench.training.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.heads.Heads;
import dev.sslbench.training.losses.ByolLoss;

/**
 * BYOL (arXiv 2006.07733): the online network plus a predictor regresses the EMA target's
 * projection of the other view; symmetric loss, no negatives.
 */
public final class Byol extends MomentumMethod {
  public static final String NAME = "byol";

  private final Block predictor;

  public Byol(PretrainOptions options, ImageShape input, NDManager manager) {
    super(
        NAME,
        options,
        input,
        manager,
        () -> Heads.byolMlp(options.projectorHidden(), options.projectorOut(), options.headNorm()));
    this.predictor =
        register(
            Heads.byolMlp(options.predictorHidden(), options.projectorOut(), options.headNorm()),
            options.projectorOut());
  }

  /**
   * Paper-ish small-image defaults, batch 256: SGD lr 0.06 * B / 128 (lightly's CIFAR-10
   * benchmark, standing in for LARS), momentum 0.9, weight decay 5e-4, tau_base 0.99, projector
   * and predictor 1024 hidden / 256 out (lightly's CIFAR heads), BatchNorm in both heads, one
   * warm-up epoch.
   */
  public static PretrainOptions defaults(BackboneSpec spec) {
    int batch = 256;
    return new PretrainOptions(
        NAME, spec, 10, batch, "sgd", 0.06 * batch / 128, 5e-4, 0.9, 1.0, 0.99,
        1024, 256, 1024, "bn", 42L, 10, 0L, PretrainOptions.DEFAULT_SHUFFLE_BUFFER);
  }

  @Override
  protected Output computeLoss(NDArray x1, NDArray x2) {
    NDArray z1 = project(x1);
    NDArray z2 = project(x2);
    NDArray p1 = forward(predictor, z1);
    NDArray p2 = forward(predictor, z2);
    NDArray loss = ByolLoss.symmetric(p1, p2, targetProject(x1), targetProject(x2));
    return new Output(loss, z1, z2);
  }
}

package dev.sslbench.training.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.heads.Heads;
import dev.sslbench.training.losses.BarlowTwinsLoss;
import java.util.List;

/**
 * Barlow Twins (arXiv 2103.03230): one encoder and a wide three-layer projector; the loss drives
 * the cross-correlation of the two views' standardised projections to the identity. No negatives,
 * no predictor, no momentum encoder.
 */
public final class BarlowTwins extends SslMethod {
  public static final String NAME = "barlow";

  public BarlowTwins(PretrainOptions options, ImageShape input, NDManager manager) {
    super(
        NAME,
        options,
        input,
        manager,
        () ->
            Heads.mlp(
                List.of(options.projectorHidden(), options.projectorHidden(), options.projectorOut()),
                options.projectorNorm()));
  }

  /**
   * Small-image defaults, batch 256: SGD lr 0.06 * B / 128, momentum 0.9, weight decay 5e-4
   * (lightly's CIFAR-10 benchmark), one warm-up epoch, projector 2048-2048-2048 with BN (the
   * CIFAR projector; 512-512-512 for backbones with fewer than 512 features), lambda 0.0051, loss
   * scale 1 (the paper's form). {@code predictorHidden} is unused.
   */
  public static PretrainOptions defaults(BackboneSpec spec) {
    int batch = 256;
    int width = spec.featureDim() < 512 ? 512 : 2048;
    return new PretrainOptions(
        NAME, spec, 10, batch, "sgd", 0.06 * batch / 128, 5e-4, 0.9, 1.0, 0.0,
        width, width, width, "bn", 42L, 10, 0L, PretrainOptions.DEFAULT_SHUFFLE_BUFFER,
        PretrainOptions.MethodParams.defaults(NAME));
  }

  @Override
  protected Output computeLoss(NDArray x1, NDArray x2) {
    NDArray z1 = project(x1);
    NDArray z2 = project(x2);
    PretrainOptions.MethodParams p = options.methodParams();
    return new Output(BarlowTwinsLoss.loss(z1, z2, p.barlowLambda(), p.barlowScale()), z1, z2);
  }
}

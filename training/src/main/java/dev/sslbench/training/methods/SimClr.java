package dev.sslbench.training.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.heads.Heads;
import dev.sslbench.training.losses.NtXentLoss;
import java.util.List;

/**
 * SimCLR (arXiv 2002.05709): one encoder and projector for both views, contrasted with NT-Xent
 * against the other 2B - 2 projections of the batch; no predictor, no momentum encoder.
 */
public final class SimClr extends SslMethod {
  public static final String NAME = "simclr";

  public SimClr(PretrainOptions options, ImageShape input, NDManager manager) {
    super(
        NAME,
        options,
        input,
        manager,
        () -> Heads.mlp(List.of(options.projectorHidden(), options.projectorOut()), options.projectorNorm()));
  }

  /**
   * Small-image defaults, batch 256: SGD lr 0.06 * B / 128, momentum 0.9, weight decay 5e-4
   * (lightly's CIFAR-10 benchmark, standing in for LARS), one warm-up epoch, projector
   * Linear-BN-ReLU-Linear 2048 -> 256 (solo-learn's CIFAR head; 512 -> 128 for backbones with
   * fewer than 512 features), temperature 0.2 (solo-learn CIFAR). {@code predictorHidden} is
   * unused.
   */
  public static PretrainOptions defaults(BackboneSpec spec) {
    int batch = 256;
    boolean tiny = spec.featureDim() < 512;
    int hidden = tiny ? 512 : 2048;
    int out = tiny ? 128 : 256;
    return new PretrainOptions(
        NAME, spec, 10, batch, "sgd", 0.06 * batch / 128, 5e-4, 0.9, 1.0, 0.0,
        hidden, out, hidden, "bn", 42L, 10, 0L, PretrainOptions.DEFAULT_SHUFFLE_BUFFER,
        PretrainOptions.MethodParams.defaults(NAME));
  }

  @Override
  protected Output computeLoss(NDArray x1, NDArray x2) {
    NDArray z1 = project(x1);
    NDArray z2 = project(x2);
    return new Output(NtXentLoss.loss(z1, z2, options.methodParams().temperature()), z1, z2);
  }
}

package dev.sslbench.training.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.heads.Heads;
import dev.sslbench.training.losses.SimSiamLoss;

/**
 * SimSiam (arXiv 2011.10566): a shared encoder, a bottleneck predictor and a stop-gradient on the
 * other branch (inside {@link SimSiamLoss}); no momentum encoder, no negatives. The stop-gradient
 * is a switch ({@code MethodParams.stopGradient}) for the collapse ablation.
 */
public final class SimSiam extends SslMethod {
  public static final String NAME = "simsiam";

  private final Block predictor;

  public SimSiam(PretrainOptions options, ImageShape input, NDManager manager) {
    super(
        NAME,
        options,
        input,
        manager,
        () ->
            Heads.simSiamProjector(
                options.projectorHidden(), options.projectorOut(), options.projectorNorm()));
    this.predictor =
        register(
            Heads.simSiamPredictor(
                options.predictorHidden(), options.projectorOut(), options.predictorNorm()),
            options.projectorOut());
  }

  /**
   * Paper defaults at batch 256: SGD lr 0.05 * B / 256, momentum 0.9, weight decay 1e-4, no
   * warm-up, projector 2048-2048-2048 and predictor 2048 -> 512 -> 2048. Backbones narrower than
   * ResNet-18 (features below 512) get 512 / 128 heads so that the heads do not cost more than
   * the backbone.
   */
  public static PretrainOptions defaults(BackboneSpec spec) {
    int batch = 256;
    boolean tiny = spec.featureDim() < 512;
    int proj = tiny ? 512 : 2048;
    int bottleneck = tiny ? 128 : 512;
    return new PretrainOptions(
        NAME, spec, 10, batch, "sgd", 0.05 * batch / 256, 1e-4, 0.9, 0.0, 0.0,
        proj, proj, bottleneck, "bn", 42L, 10, 0L, PretrainOptions.DEFAULT_SHUFFLE_BUFFER);
  }

  @Override
  protected Output computeLoss(NDArray x1, NDArray x2) {
    NDArray z1 = project(x1);
    NDArray z2 = project(x2);
    NDArray loss =
        SimSiamLoss.loss(
            forward(predictor, z1), forward(predictor, z2), z1, z2, options.methodParams().stopGradient());
    return new Output(loss, z1, z2);
  }
}

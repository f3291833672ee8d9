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
 * projection of the other view; symmetric loss, no negatives. Ablation switches: {@code
 * MethodParams.predictor} (off: the projection regresses the target itself), {@code
 * MethodParams.stopGradient} (off needs {@code tauBase = 0}) and {@code tauBase = 0} (the target is
 * the online network), plus the encoder, projector and predictor norms.
 */
public final class Byol extends MomentumMethod {
  public static final String NAME = "byol";

  /** The predictor head, or {@code null} when the predictor is switched off. */
  private final Block predictor;

  public Byol(PretrainOptions options, ImageShape input, NDManager manager) {
    super(
        NAME,
        options,
        input,
        manager,
        () -> Heads.byolMlp(options.projectorHidden(), options.projectorOut(), checked(options).projectorNorm()));
    this.predictor =
        options.methodParams().predictor()
            ? register(
                Heads.byolMlp(options.predictorHidden(), options.projectorOut(), options.predictorNorm()),
                options.projectorOut())
            : null;
  }

  /**
   * Rejects switch combinations that would silently mean something else: without the stop-gradient
   * the gradient must reach the target, which only the online network itself ({@code tauBase = 0})
   * can take; the EMA target is frozen.
   */
  private static PretrainOptions checked(PretrainOptions options) {
    if (!options.methodParams().stopGradient() && options.tauBase() != 0) {
      throw new IllegalArgumentException(
          "stopGradient: BYOL without stop-gradient needs tauBase = 0 (the target must be the online"
              + " network for a gradient to reach it), got tauBase " + options.tauBase());
    }
    return options;
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
    NDArray p1 = predictor == null ? z1 : forward(predictor, z1);
    NDArray p2 = predictor == null ? z2 : forward(predictor, z2);
    // With tauBase 0 the target equals the online network, so its projections are z1 and z2: this
    // saves two forward passes and is the only way a no-stop-gradient gradient reaches the weights.
    boolean online = targetIsOnline();
    NDArray t1 = online ? z1 : targetProject(x1);
    NDArray t2 = online ? z2 : targetProject(x2);
    NDArray loss = ByolLoss.symmetric(p1, p2, t1, t2, options.methodParams().stopGradient());
    return new Output(loss, z1, z2);
  }
}

package dev.sslbench.training.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.heads.Heads;
import dev.sslbench.training.losses.SwavLoss;
import dev.sslbench.training.losses.Vectors;
import java.util.List;

/**
 * SwAV (arXiv 2006.09882) with the two views as its two crops: scores {@code N(z) . C^T} against
 * L2-normalised prototypes C, Sinkhorn codes of each view as the other view's targets. The
 * prototypes are re-normalised after every update and left alone by the optimizer for the first
 * {@code freezePrototypeSteps} steps.
 *
 * <p>TODO: the feature queue the paper adds for small batches (3840 at batch 256, started after
 * some epochs) is not implemented; the codes come from the current batch only.
 */
public final class Swav extends SslMethod {
  public static final String NAME = "swav";

  private final Parameter prototypes;

  public Swav(PretrainOptions options, ImageShape input, NDManager manager) {
    super(
        NAME,
        options,
        input,
        manager,
        () -> Heads.mlp(List.of(options.projectorHidden(), options.projectorOut()), options.projectorNorm()));
    Block head =
        register(
            Linear.builder().setUnits(options.methodParams().prototypes()).optBias(false).build(),
            options.projectorOut());
    this.prototypes = head.getParameters().get("weight");
    normalizePrototypes();
  }

  /**
   * Small-image defaults, batch 256: SGD lr 0.06 * B / 128, momentum 0.9, weight decay 5e-4
   * (lightly's CIFAR-10 benchmark), one warm-up epoch, projector Linear-BN-ReLU-Linear 2048 -> 128
   * (the reference head; 512 -> 128 for backbones with fewer than 512 features), 512 prototypes,
   * T 0.1, Sinkhorn eps 0.05 with 3 iterations, prototypes frozen for 313 steps. {@code
   * predictorHidden} is unused.
   */
  public static PretrainOptions defaults(BackboneSpec spec) {
    int batch = 256;
    int hidden = spec.featureDim() < 512 ? 512 : 2048;
    return new PretrainOptions(
        NAME, spec, 10, batch, "sgd", 0.06 * batch / 128, 5e-4, 0.9, 1.0, 0.0,
        hidden, 128, hidden, "bn", 42L, 10, 0L, PretrainOptions.DEFAULT_SHUFFLE_BUFFER,
        PretrainOptions.MethodParams.defaults(NAME));
  }

  /** The (prototypes, projectorOut) prototype matrix C. */
  public Parameter prototypes() {
    return prototypes;
  }

  /** Whether the optimizer leaves the prototypes alone at {@code step}. */
  public boolean prototypesFrozen(long step) {
    return step < options.methodParams().freezePrototypeSteps();
  }

  @Override
  protected Output computeLoss(NDArray x1, NDArray x2) {
    NDArray z1 = project(x1);
    NDArray z2 = project(x2);
    NDArray c = prototypes.getArray();
    // Detached while frozen so that no gradient accumulates in libtorch until the first update.
    // The new handles move to the step's manager; left in the parameters' manager they would pile
    // up for the whole run.
    NDArray live = c;
    if (prototypesFrozen(currentStep())) {
      live = c.stopGradient();
      live.attach(x1.getManager());
    }
    NDArray ct = live.transpose();
    ct.attach(x1.getManager());
    NDArray s1 = Vectors.l2Normalize(z1).matMul(ct);
    NDArray s2 = Vectors.l2Normalize(z2).matMul(ct);
    PretrainOptions.MethodParams p = options.methodParams();
    NDArray loss = SwavLoss.loss(s1, s2, p.temperature(), p.sinkhornEps(), p.sinkhornIterations());
    return new Output(loss, z1, z2);
  }

  @Override
  protected List<Parameter> parametersToUpdate(long step) {
    if (!prototypesFrozen(step)) {
      return trainableParameters();
    }
    return trainableParameters().stream().filter(p -> p != prototypes).toList();
  }

  @Override
  protected void afterOptimizerStep(long step, long totalSteps) {
    normalizePrototypes();
  }

  /** In place, outside any gradient recording: each prototype row to unit length. */
  private void normalizePrototypes() {
    NDArray c = prototypes.getArray();
    try (NDManager scratch = c.getManager().newSubManager()) {
      NDArray norm = c.norm(new int[] {1}, true);
      norm.attach(scratch);
      c.divi(norm.maximum(Vectors.NORM_EPS));
    }
  }
}

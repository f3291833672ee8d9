package dev.sslbench.training.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.heads.Heads;
import dev.sslbench.training.losses.InfoNceLoss;
import dev.sslbench.training.losses.Vectors;
import java.util.List;

/**
 * MoCo v2 (arXiv 2003.04297): queries from the online encoder, keys from its EMA (the {@link
 * MomentumMethod} target), InfoNCE against a FIFO queue of past keys. Symmetric (solo-learn): both
 * views query, each against the queue of the other view's keys; otherwise only view 1 queries, as
 * in the reference, and z_std is view 1's.
 */
public final class MocoV2 extends MomentumMethod {
  public static final String NAME = "mocov2";

  /** Past keys of view 1 (negatives for view 2's queries); null when one-directional. */
  private final KeyQueue queue1;
  /** Past keys of view 2 (negatives for view 1's queries). */
  private final KeyQueue queue2;
  private NDArray pendingK1;
  private NDArray pendingK2;

  public MocoV2(PretrainOptions options, ImageShape input, NDManager manager) {
    super(
        NAME,
        options,
        input,
        manager,
        () -> Heads.mlp(List.of(options.projectorHidden(), options.projectorOut()), options.projectorNorm()));
    PretrainOptions.MethodParams p = options.methodParams();
    KeyQueue.checkDivides(p.queueSize(), options.batchSize());
    this.queue2 = new KeyQueue(p.queueSize(), options.projectorOut(), manager);
    this.queue1 = p.symmetric() ? new KeyQueue(p.queueSize(), options.projectorOut(), manager) : null;
  }

  /**
   * CIFAR defaults, batch 256: SGD lr 0.06 * B / 128, momentum 0.9, weight decay 5e-4 (lightly's
   * CIFAR-10 benchmark), one warm-up epoch, EMA tau_base 0.99, queue 4096, temperature 0.2,
   * symmetric; MLP head without BN, Linear-ReLU-Linear 2048 -> 256 (512 -> 128 for backbones with
   * fewer than 512 features). {@code predictorHidden} is unused.
   */
  public static PretrainOptions defaults(BackboneSpec spec) {
    int batch = 256;
    boolean tiny = spec.featureDim() < 512;
    int hidden = tiny ? 512 : 2048;
    int out = tiny ? 128 : 256;
    return new PretrainOptions(
        NAME, spec, 10, batch, "sgd", 0.06 * batch / 128, 5e-4, 0.9, 1.0, 0.99,
        hidden, out, hidden, "none", 42L, 10, 0L, PretrainOptions.DEFAULT_SHUFFLE_BUFFER,
        PretrainOptions.MethodParams.defaults(NAME));
  }

  /** The queue of view 2's keys, which view 1's queries are contrasted with. */
  public KeyQueue queue() {
    return queue2;
  }

  @Override
  protected Output computeLoss(NDArray x1, NDArray x2) {
    double t = options.methodParams().temperature();
    NDArray q1 = project(x1);
    pendingK2 = Vectors.l2Normalize(targetProject(x2));
    NDArray loss = InfoNceLoss.loss(q1, pendingK2, queue2.keys(), t);
    if (queue1 == null) {
      return new Output(loss, q1, q1);
    }
    NDArray q2 = project(x2);
    pendingK1 = Vectors.l2Normalize(targetProject(x1));
    loss = loss.add(InfoNceLoss.loss(q2, pendingK1, queue1.keys(), t)).mul(0.5f);
    return new Output(loss, q1, q2);
  }

  /** EMA update, then the keys of this step join the queues (after they served as positives). */
  @Override
  protected void afterOptimizerStep(long step, long totalSteps) {
    super.afterOptimizerStep(step, totalSteps);
    queue2.enqueue(pendingK2);
    if (queue1 != null) {
      queue1.enqueue(pendingK1);
    }
    pendingK1 = null;
    pendingK2 = null;
  }
}

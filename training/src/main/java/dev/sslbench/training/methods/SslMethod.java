package dev.sslbench.training.methods;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import dev.sslbench.training.backbone.Backbones;
import dev.sslbench.training.losses.CollapseMonitor;
import dev.sslbench.training.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Base of every self-supervised method: owns the online backbone and projector, runs the training
 * step skeleton (forward, backward, optimizer update, post-update hook) and logs the {@code z_std}
 * collapse monitor. A method only declares its heads and its loss in {@link #computeLoss}.
 *
 * <p>All parameters live in the manager given to the constructor; every array of a step lives in
 * the manager of the step's input batch, which the caller closes after the step.
 */
public abstract class SslMethod {

  /** The loss of a step and the online projections of both views (for the collapse monitor). */
  protected record Output(NDArray loss, NDArray z1, NDArray z2) {}

  private final String name;
  private final NDManager manager;
  private final ParameterStore store;
  private final List<Block> online = new ArrayList<>();
  private List<Parameter> trainable;
  private long currentStep;
  protected final PretrainOptions options;
  protected final ImageShape input;
  protected final Block backbone;
  protected final Block projector;

  /**
   * Builds and initialises the online backbone and {@code projectorFactory.get()} with the
   * engine's current RNG.
   */
  protected SslMethod(
      String name,
      PretrainOptions options,
      ImageShape input,
      NDManager manager,
      Supplier<Block> projectorFactory) {
    if (input.channels() != options.backbone().inChannels()) {
      throw new IllegalArgumentException(
          "images have " + input.channels() + " channels but backbone " + options.backbone()
              + " expects " + options.backbone().inChannels());
    }
    this.name = name;
    this.options = options;
    this.input = input;
    this.manager = manager;
    this.store = new ParameterStore(manager, false);
    this.backbone = newBackbone();
    online.add(backbone);
    this.projector = register(projectorFactory.get(), options.backbone().featureDim());
  }

  /** The method's name as {@link Methods} knows it. */
  public final String name() {
    return name;
  }

  /** The online backbone: what the checkpoint saves and evaluation uses. */
  public final Block backbone() {
    return backbone;
  }

  /** Parameters the optimizer updates (the online network and heads), in a fixed order. */
  public final List<Parameter> trainableParameters() {
    if (trainable == null) {
      List<Parameter> params = new ArrayList<>();
      for (Block b : online) {
        b.getParameters().values().stream().filter(Parameter::requiresGradient).forEach(params::add);
      }
      trainable = List.copyOf(params);
    }
    return trainable;
  }

  /**
   * One training step on a batch of view pairs (NCHW float32, normalised): forward and backward,
   * optimizer update at {@code lr}, then {@link #afterOptimizerStep}. The returned loss is the one
   * computed before the update.
   *
   * @param step 0-based step of the run
   * @param totalSteps steps of the whole run (for schedules such as the EMA momentum)
   * @throws NonFiniteLossException if the loss is NaN or infinite; parameters are left untouched
   */
  public final StepResult trainStep(
      NDArray x1, NDArray x2, Optimizer optimizer, double lr, long step, long totalSteps) {
    currentStep = step;
    Output out;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      out = computeLoss(x1, x2);
      collector.backward(out.loss());
    }
    double loss = out.loss().getFloat();
    if (!Double.isFinite(loss)) {
      throw new NonFiniteLossException(loss);
    }
    optimizer.step(parametersToUpdate(step), lr);
    afterOptimizerStep(step, totalSteps);
    double zStd = (CollapseMonitor.zStd(out.z1()) + CollapseMonitor.zStd(out.z2())) / 2;
    return new StepResult(loss, zStd, stepMetrics());
  }

  /** The method's loss for one batch; runs inside the gradient collector. */
  protected abstract Output computeLoss(NDArray x1, NDArray x2);

  /**
   * The parameters the optimizer updates at {@code step}: all of {@link #trainableParameters} unless
   * a method holds some back for a while (SwAV's early frozen prototypes). A parameter held back must
   * also get no gradient in that step, or libtorch accumulates it until the next update.
   */
  protected List<Parameter> parametersToUpdate(long step) {
    return trainableParameters();
  }

  /** The 0-based step that {@link #trainStep} is running, for methods whose loss depends on it. */
  protected final long currentStep() {
    return currentStep;
  }

  /** Hook after the optimizer update, e.g. the EMA target update. */
  protected void afterOptimizerStep(long step, long totalSteps) {}

  /** Method-specific metrics of the last step. */
  protected Map<String, Double> stepMetrics() {
    return Map.of();
  }

  /** Initialises {@code head} for {@code inputDim}-wide inputs and adds it to the online network. */
  protected final Block register(Block head, int inputDim) {
    initialize(head, inputDim);
    online.add(head);
    trainable = null;
    return head;
  }

  /** A fresh, initialised backbone of this method's spec (online or target). */
  protected final Block newBackbone() {
    Block b = Backbones.create(options.backbone());
    Backbones.initialize(b, options.backbone(), manager);
    return b;
  }

  /** Initialises a head for {@code inputDim}-wide inputs without adding it to the online network. */
  protected final void initialize(Block head, int inputDim) {
    head.initialize(manager, DataType.FLOAT32, new Shape(2, inputDim));
  }

  /** Training-mode forward of a single-input, single-output block. */
  protected final NDArray forward(Block block, NDArray x) {
    return block.forward(store, new NDList(x), true).singletonOrThrow();
  }

  /** Online projection {@code z = projector(backbone(x))}. */
  protected final NDArray project(NDArray x) {
    return forward(projector, forward(backbone, x));
  }

  /** Thrown by {@link #trainStep} when the loss is not finite. */
  public static final class NonFiniteLossException extends RuntimeException {
    private final double loss;

    NonFiniteLossException(double loss) {
      super("loss is " + loss);
      this.loss = loss;
    }

    public double loss() {
      return loss;
    }
  }
}

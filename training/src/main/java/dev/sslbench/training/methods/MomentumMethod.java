package dev.sslbench.training.methods;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.PretrainOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A method with an EMA target network (backbone + projector), as solo-learn's {@code
 * BaseMomentumMethod}: the target starts as a copy of the online network, is never touched by the
 * optimizer, and after every update moves to {@code tau * target + (1 - tau) * online} with {@code
 * tau_k = 1 - (1 - tau_base) (cos(pi k / K) + 1) / 2}.
 */
public abstract class MomentumMethod extends SslMethod {
  private final Block targetBackbone;
  private final Block targetProjector;
  private final List<Pair<Parameter, Parameter>> emaPairs = new ArrayList<>();
  private double tau;

  protected MomentumMethod(
      String name,
      PretrainOptions options,
      ImageShape input,
      NDManager manager,
      Supplier<Block> projectorFactory) {
    super(name, options, input, manager, projectorFactory);
    this.tau = options.tauBase();
    this.targetBackbone = newBackbone();
    this.targetProjector = projectorFactory.get();
    initialize(targetProjector, options.backbone().featureDim());
    copyAndFreeze(backbone, targetBackbone);
    copyAndFreeze(projector, targetProjector);
  }

  /**
   * The momentum for 0-based step {@code step} of {@code totalSteps}: {@code tauBase} at 0, 1 at the
   * end. {@code tauBase = 0} is the no-momentum ablation and stays 0 throughout, so the target is
   * the online network after every update (the cosine ramp would otherwise take it to 1).
   */
  public static double tau(double tauBase, long step, long totalSteps) {
    if (tauBase == 0) {
      return 0;
    }
    double progress = totalSteps <= 0 ? 0 : Math.min(1.0, (double) step / totalSteps);
    return 1 - (1 - tauBase) * (Math.cos(Math.PI * progress) + 1) / 2;
  }

  /** In place: {@code target = tau * target + (1 - tau) * online} for each pair. */
  public static void emaUpdate(List<Pair<Parameter, Parameter>> onlineTargetPairs, double tau) {
    for (Pair<Parameter, Parameter> pair : onlineTargetPairs) {
      NDArray online = pair.getKey().getArray();
      NDArray target = pair.getValue().getArray();
      try (NDArray scaled = online.mul(1 - tau)) {
        target.muli(tau).addi(scaled);
      }
    }
  }

  /** Target projection of {@code x}: batch statistics (training mode) and no gradient. */
  protected final NDArray targetProject(NDArray x) {
    return forward(targetProjector, forward(targetBackbone, x)).stopGradient();
  }

  /**
   * Whether the target is the online network itself ({@code tauBase = 0}): the EMA copies the
   * online weights after every update, so a target forward pass equals the online one and a method
   * may use its online projections instead.
   */
  protected final boolean targetIsOnline() {
    return options.tauBase() == 0;
  }

  /** The target network's (online, target) parameter pairs that the EMA updates. */
  public final List<Pair<Parameter, Parameter>> emaPairs() {
    return List.copyOf(emaPairs);
  }

  /** The target network's backbone. */
  public final Block targetBackbone() {
    return targetBackbone;
  }

  @Override
  protected void afterOptimizerStep(long step, long totalSteps) {
    tau = tau(options.tauBase(), step, totalSteps);
    emaUpdate(emaPairs, tau);
  }

  @Override
  protected Map<String, Double> stepMetrics() {
    return Map.of("tau", tau);
  }

  /**
   * Copies every parameter (including BatchNorm running statistics) and freezes the target. Only
   * learnable parameters take part in the EMA, as in solo-learn; the target's BatchNorm keeps its
   * own running statistics.
   */
  private void copyAndFreeze(Block online, Block target) {
    List<Pair<String, Parameter>> src = online.getParameters().stream().toList();
    List<Pair<String, Parameter>> dst = target.getParameters().stream().toList();
    if (src.size() != dst.size()) {
      throw new IllegalStateException("target network does not mirror the online network");
    }
    for (int i = 0; i < src.size(); i++) {
      Parameter o = src.get(i).getValue();
      Parameter t = dst.get(i).getValue();
      if (!src.get(i).getKey().equals(dst.get(i).getKey())) {
        throw new IllegalStateException(
            "parameter " + src.get(i).getKey() + " has no twin in the target network");
      }
      o.getArray().copyTo(t.getArray());
      if (o.requiresGradient()) {
        emaPairs.add(new Pair<>(o, t));
      }
      t.freeze(true);
    }
  }
}

package dev.sslbench.training;

import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.layers.Norms;
import dev.sslbench.training.methods.BarlowTwins;
import dev.sslbench.training.methods.Byol;
import dev.sslbench.training.methods.Methods;
import dev.sslbench.training.methods.MocoV2;
import dev.sslbench.training.methods.SimClr;
import dev.sslbench.training.methods.SimSiam;
import dev.sslbench.training.methods.Swav;
import dev.sslbench.training.optim.Optimizers;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything that defines a pretraining run; the same options and data give the same losses on
 * the CPU.
 *
 * @param method one of {@link Methods#NAMES}
 * @param epochs passes over the dataset's shards
 * @param batchSize view pairs per step; the last incomplete batch of an epoch is dropped
 * @param optimizer {@code sgd}, {@code adam} or {@code adamw}
 * @param lr peak learning rate, already scaled for {@code batchSize}
 * @param weightDecay applied to weights only, never to biases or norm parameters
 * @param momentum SGD momentum (beta1 for Adam/AdamW)
 * @param warmupEpochs linear LR warm-up length in epochs (fractions allowed), then cosine to 0
 * @param tauBase EMA momentum at the start (momentum methods only)
 * @param projectorHidden hidden width of the projector
 * @param projectorOut projection dimension; the predictor maps back to it
 * @param predictorHidden hidden (SimSiam: bottleneck) width of the predictor
 * @param projectorNorm norm in the projector: {@code bn}, {@code ln} or {@code none}
 * @param predictorNorm norm in the predictor (BYOL, SimSiam): {@code bn}, {@code ln} or {@code none}
 * @param seed seeds the weight initialisation and the loader's shuffle
 * @param logEvery log metrics every this many steps (and at the last step)
 * @param maxSteps stop after this many steps; 0 runs all epochs. Schedules span the steps that run
 * @param shuffleBuffer pairs held by the loader's shuffle buffer
 * @param methodParams hyperparameters only some methods read (temperature, queue, prototypes,
 *     Sinkhorn, Barlow lambda, stop-gradient and predictor switches); {@code null} means {@link
 *     MethodParams#defaults} of the method
 */
public record PretrainOptions(
    String method,
    BackboneSpec backbone,
    int epochs,
    int batchSize,
    String optimizer,
    double lr,
    double weightDecay,
    double momentum,
    double warmupEpochs,
    double tauBase,
    int projectorHidden,
    int projectorOut,
    int predictorHidden,
    String projectorNorm,
    String predictorNorm,
    long seed,
    int logEvery,
    long maxSteps,
    int shuffleBuffer,
    MethodParams methodParams) {

  /** Default size of the loader's shuffle buffer, in pairs. */
  public static final int DEFAULT_SHUFFLE_BUFFER = 4096;

  public PretrainOptions {
    method = lower(method, "method");
    optimizer = lower(optimizer, "optimizer");
    projectorNorm = headNorm("projectorNorm", projectorNorm);
    predictorNorm = headNorm("predictorNorm", predictorNorm);
    if (!Methods.NAMES.contains(method)) {
      throw new IllegalArgumentException("method: unknown '" + method + "', expected one of " + Methods.NAMES);
    }
    if (!Optimizers.NAMES.contains(optimizer)) {
      throw new IllegalArgumentException(
          "optimizer: unknown '" + optimizer + "', expected one of " + Optimizers.NAMES);
    }
    if (backbone == null) {
      throw new IllegalArgumentException("backbone is required");
    }
    positive("epochs", epochs);
    positive("projectorHidden", projectorHidden);
    positive("projectorOut", projectorOut);
    positive("predictorHidden", predictorHidden);
    positive("logEvery", logEvery);
    positive("shuffleBuffer", shuffleBuffer);
    if (batchSize < 2) {
      throw new IllegalArgumentException("batchSize must be at least 2 (BatchNorm and z_std need it), got " + batchSize);
    }
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new IllegalArgumentException("lr must be a positive number, got " + lr);
    }
    if (weightDecay < 0 || momentum < 0 || momentum >= 1 || warmupEpochs < 0 || maxSteps < 0) {
      throw new IllegalArgumentException(
          "need weightDecay >= 0, 0 <= momentum < 1, warmupEpochs >= 0, maxSteps >= 0; got "
              + weightDecay + ", " + momentum + ", " + warmupEpochs + ", " + maxSteps);
    }
    if (Methods.usesMomentum(method) && (tauBase < 0 || tauBase > 1)) {
      throw new IllegalArgumentException("tauBase must be in [0, 1], got " + tauBase);
    }
    if (methodParams == null) {
      methodParams = MethodParams.defaults(method);
    }
  }

  /**
   * Options with one norm for both heads ({@code headNorm}) and the method's default {@link
   * MethodParams}: the original 18-field form.
   */
  public PretrainOptions(
      String method,
      BackboneSpec backbone,
      int epochs,
      int batchSize,
      String optimizer,
      double lr,
      double weightDecay,
      double momentum,
      double warmupEpochs,
      double tauBase,
      int projectorHidden,
      int projectorOut,
      int predictorHidden,
      String headNorm,
      long seed,
      int logEvery,
      long maxSteps,
      int shuffleBuffer) {
    this(method, backbone, epochs, batchSize, optimizer, lr, weightDecay, momentum, warmupEpochs,
        tauBase, projectorHidden, projectorOut, predictorHidden, headNorm, seed, logEvery, maxSteps,
        shuffleBuffer, null);
  }

  /** Options with one norm for both heads ({@code headNorm}): the original 19-field form. */
  public PretrainOptions(
      String method,
      BackboneSpec backbone,
      int epochs,
      int batchSize,
      String optimizer,
      double lr,
      double weightDecay,
      double momentum,
      double warmupEpochs,
      double tauBase,
      int projectorHidden,
      int projectorOut,
      int predictorHidden,
      String headNorm,
      long seed,
      int logEvery,
      long maxSteps,
      int shuffleBuffer,
      MethodParams methodParams) {
    this(method, backbone, epochs, batchSize, optimizer, lr, weightDecay, momentum, warmupEpochs,
        tauBase, projectorHidden, projectorOut, predictorHidden, headNorm("headNorm", headNorm),
        headNorm("headNorm", headNorm), seed, logEvery, maxSteps, shuffleBuffer, methodParams);
  }

  /**
   * The projector's norm, which is also the predictor's unless {@link #withHeadNorms} set them
   * apart; kept for callers that configure both heads with one switch.
   */
  public String headNorm() {
    return projectorNorm;
  }

  /**
   * Hyperparameters read by only some methods; the others ignore them and they are logged only for
   * the methods that read them.
   *
   * @param temperature softmax temperature of SimCLR's NT-Xent, MoCo's InfoNCE and SwAV's swapped
   *     prediction
   * @param queueSize MoCo v2's number of queued keys K (per view when symmetric); a multiple of the
   *     batch size
   * @param symmetric MoCo v2: both views act as queries, with one queue per view (solo-learn), or
   *     only view 1 (the reference implementation)
   * @param prototypes SwAV's number of prototypes K
   * @param sinkhornEps SwAV's Sinkhorn entropy regularisation epsilon
   * @param sinkhornIterations SwAV's Sinkhorn-Knopp iterations
   * @param freezePrototypeSteps SwAV: the optimizer leaves the prototypes alone for this many first
   *     steps
   * @param barlowLambda weight of Barlow Twins' off-diagonal (redundancy) term
   * @param barlowScale factor on the whole Barlow Twins loss (solo-learn's {@code scale_loss})
   * @param stopGradient SimSiam and BYOL: no gradient through the target branch (the papers); off
   *     is the collapse ablation. BYOL without it needs {@code tauBase = 0}, the only case where the
   *     target is the online network and a gradient could reach it
   * @param predictor BYOL: the online branch ends with the predictor (the paper); off regresses the
   *     target projection with the online projection itself
   */
  public record MethodParams(
      double temperature,
      int queueSize,
      boolean symmetric,
      int prototypes,
      double sinkhornEps,
      int sinkhornIterations,
      long freezePrototypeSteps,
      double barlowLambda,
      double barlowScale,
      boolean stopGradient,
      boolean predictor) {

    public MethodParams {
      if (!(temperature > 0) || !Double.isFinite(temperature)) {
        throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
      }
      positive("queueSize", queueSize);
      positive("prototypes", prototypes);
      if (!(sinkhornEps > 0) || !Double.isFinite(sinkhornEps)) {
        throw new IllegalArgumentException("sinkhornEps must be a positive number, got " + sinkhornEps);
      }
      positive("sinkhornIterations", sinkhornIterations);
      if (freezePrototypeSteps < 0) {
        throw new IllegalArgumentException("freezePrototypeSteps must be >= 0, got " + freezePrototypeSteps);
      }
      if (!(barlowLambda >= 0) || !Double.isFinite(barlowLambda)) {
        throw new IllegalArgumentException("barlowLambda must be >= 0, got " + barlowLambda);
      }
      if (!(barlowScale > 0) || !Double.isFinite(barlowScale)) {
        throw new IllegalArgumentException("barlowScale must be a positive number, got " + barlowScale);
      }
    }

    /** The original nine-field form: stop-gradient and predictor on. */
    public MethodParams(
        double temperature,
        int queueSize,
        boolean symmetric,
        int prototypes,
        double sinkhornEps,
        int sinkhornIterations,
        long freezePrototypeSteps,
        double barlowLambda,
        double barlowScale) {
      this(temperature, queueSize, symmetric, prototypes, sinkhornEps, sinkhornIterations,
          freezePrototypeSteps, barlowLambda, barlowScale, true, true);
    }

    /**
     * Small-image defaults: temperature 0.2 (SimCLR and MoCo v2 on CIFAR, solo-learn) or 0.1 for
     * SwAV; MoCo queue 4096, symmetric (solo-learn's MoCo v2+); SwAV 512 prototypes (lightly's
     * CIFAR benchmark), Sinkhorn eps 0.05 with 3 iterations, prototypes frozen for the first 313
     * steps (the SwAV reference's {@code freeze_prototypes_niters}); Barlow lambda 0.0051, scale 1;
     * stop-gradient and predictor on (the papers' BYOL and SimSiam).
     */
    public static MethodParams defaults(String method) {
      double temperature = Swav.NAME.equals(method) ? 0.1 : 0.2;
      return new MethodParams(temperature, 4096, true, 512, 0.05, 3, 313, 0.0051, 1.0, true, true);
    }

    public MethodParams withTemperature(double newTemperature) {
      return new MethodParams(newTemperature, queueSize, symmetric, prototypes, sinkhornEps,
          sinkhornIterations, freezePrototypeSteps, barlowLambda, barlowScale, stopGradient, predictor);
    }

    public MethodParams withQueue(int newQueueSize, boolean newSymmetric) {
      return new MethodParams(temperature, newQueueSize, newSymmetric, prototypes, sinkhornEps,
          sinkhornIterations, freezePrototypeSteps, barlowLambda, barlowScale, stopGradient, predictor);
    }

    public MethodParams withSwav(int newPrototypes, double newSinkhornEps, int newSinkhornIterations,
        long newFreezePrototypeSteps) {
      return new MethodParams(temperature, queueSize, symmetric, newPrototypes, newSinkhornEps,
          newSinkhornIterations, newFreezePrototypeSteps, barlowLambda, barlowScale, stopGradient, predictor);
    }

    public MethodParams withBarlow(double newBarlowLambda, double newBarlowScale) {
      return new MethodParams(temperature, queueSize, symmetric, prototypes, sinkhornEps,
          sinkhornIterations, freezePrototypeSteps, newBarlowLambda, newBarlowScale, stopGradient, predictor);
    }
  
    /** SimSiam and BYOL: with {@code false} the loss back-propagates through both branches (the collapse ablation). */
    public MethodParams withStopGradient(boolean newStopGradient) {
      return new MethodParams(temperature, queueSize, symmetric, prototypes, sinkhornEps,
          sinkhornIterations, freezePrototypeSteps, barlowLambda, barlowScale, newStopGradient, predictor);
    }

    /** BYOL: with {@code false} the online projection regresses the target directly (no predictor). */
    public MethodParams withPredictor(boolean newPredictor) {
      return new MethodParams(temperature, queueSize, symmetric, prototypes, sinkhornEps,
          sinkhornIterations, freezePrototypeSteps, barlowLambda, barlowScale, stopGradient, newPredictor);
    }
  }

  /** The defaults of {@code method} (see each method's {@code defaults}) for {@code backbone}. */
  public static PretrainOptions defaults(String method, BackboneSpec backbone) {
    return Methods.defaults(method, backbone);
  }

  /** Flat parameters for run tracking, in a stable order. */
  public Map<String, String> asParams() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("method", method);
    p.put("backbone", backbone.preset());
    p.put("backbone_width", Integer.toString(backbone.width()));
    p.put(
        "backbone_blocks",
        Arrays.stream(backbone.blocksPerStage()).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    p.put("backbone_in_channels", Integer.toString(backbone.inChannels()));
    p.put("backbone_norm", backbone.norm());
    p.put("feature_dim", Integer.toString(backbone.featureDim()));
    p.put("epochs", Integer.toString(epochs));
    p.put("batch_size", Integer.toString(batchSize));
    p.put("optimizer", optimizer);
    p.put("lr", Double.toString(lr));
    p.put("lr_schedule", "linear-warmup+cosine-to-0");
    p.put("weight_decay", Double.toString(weightDecay));
    p.put("weight_decay_excludes", "bias,norm");
    p.put("momentum", Double.toString(momentum));
    p.put("warmup_epochs", Double.toString(warmupEpochs));
    if (Methods.usesMomentum(method)) {
      p.put("tau_base", Double.toString(tauBase));
    }
    p.put("projector_hidden", Integer.toString(projectorHidden));
    p.put("projector_out", Integer.toString(projectorOut));
    p.put("predictor_hidden", Integer.toString(predictorHidden));
    p.put("projector_norm", projectorNorm);
    if (Methods.hasPredictor(method)) {
      p.put("predictor_norm", predictorNorm);
    }
    p.put("seed", Long.toString(seed));
    p.put("log_every", Integer.toString(logEvery));
    p.put("max_steps", Long.toString(maxSteps));
    p.put("shuffle_buffer", Integer.toString(shuffleBuffer));
    putMethodParams(p);
    return p;
  }

  public PretrainOptions withEpochs(int newEpochs) {
    return new PretrainOptions(method, backbone, newEpochs, batchSize, optimizer, lr, weightDecay,
        momentum, warmupEpochs, tauBase, projectorHidden, projectorOut, predictorHidden, projectorNorm, predictorNorm,
        seed, logEvery, maxSteps, shuffleBuffer, methodParams);
  }

  /** Another batch size with the learning rate scaled linearly (the LR-scales-with-B/256 rule). */
  public PretrainOptions withBatchSize(int newBatchSize) {
    return new PretrainOptions(method, backbone, epochs, newBatchSize, optimizer,
        lr * newBatchSize / batchSize, weightDecay, momentum, warmupEpochs, tauBase,
        projectorHidden, projectorOut, predictorHidden, projectorNorm, predictorNorm, seed, logEvery, maxSteps,
        shuffleBuffer, methodParams);
  }

  public PretrainOptions withOptimizer(String newOptimizer, double newLr, double newWeightDecay, double newMomentum) {
    return new PretrainOptions(method, backbone, epochs, batchSize, newOptimizer, newLr,
        newWeightDecay, newMomentum, warmupEpochs, tauBase, projectorHidden, projectorOut,
        predictorHidden, projectorNorm, predictorNorm, seed, logEvery, maxSteps, shuffleBuffer, methodParams);
  }

  public PretrainOptions withWarmupEpochs(double newWarmupEpochs) {
    return new PretrainOptions(method, backbone, epochs, batchSize, optimizer, lr, weightDecay,
        momentum, newWarmupEpochs, tauBase, projectorHidden, projectorOut, predictorHidden,
        projectorNorm, predictorNorm, seed, logEvery, maxSteps, shuffleBuffer, methodParams);
  }

  public PretrainOptions withTauBase(double newTauBase) {
    return new PretrainOptions(method, backbone, epochs, batchSize, optimizer, lr, weightDecay,
        momentum, warmupEpochs, newTauBase, projectorHidden, projectorOut, predictorHidden,
        projectorNorm, predictorNorm, seed, logEvery, maxSteps, shuffleBuffer, methodParams);
  }

  /** Other head widths, with {@code newHeadNorm} in both the projector and the predictor. */
  public PretrainOptions withHeads(int newProjectorHidden, int newProjectorOut, int newPredictorHidden, String newHeadNorm) {
    newHeadNorm = headNorm("headNorm", newHeadNorm);
    return new PretrainOptions(method, backbone, epochs, batchSize, optimizer, lr, weightDecay,
        momentum, warmupEpochs, tauBase, newProjectorHidden, newProjectorOut, newPredictorHidden,
        newHeadNorm, newHeadNorm, seed, logEvery, maxSteps, shuffleBuffer, methodParams);
  }

  /** Separate norms for the projector and the predictor (the BYOL BatchNorm ablations). */
  public PretrainOptions withHeadNorms(String newProjectorNorm, String newPredictorNorm) {
    return new PretrainOptions(method, backbone, epochs, batchSize, optimizer, lr, weightDecay,
        momentum, warmupEpochs, tauBase, projectorHidden, projectorOut, predictorHidden,
        newProjectorNorm, newPredictorNorm, seed, logEvery, maxSteps, shuffleBuffer, methodParams);
  }

  /** Another backbone (e.g. {@code backbone().withNorm("gn_ws")}), everything else kept. */
  public PretrainOptions withBackbone(BackboneSpec newBackbone) {
    return new PretrainOptions(method, newBackbone, epochs, batchSize, optimizer, lr, weightDecay,
        momentum, warmupEpochs, tauBase, projectorHidden, projectorOut, predictorHidden,
        projectorNorm, predictorNorm, seed, logEvery, maxSteps, shuffleBuffer, methodParams);
  }

  public PretrainOptions withSeed(long newSeed) {
    return new PretrainOptions(method, backbone, epochs, batchSize, optimizer, lr, weightDecay,
        momentum, warmupEpochs, tauBase, projectorHidden, projectorOut, predictorHidden, projectorNorm, predictorNorm,
        newSeed, logEvery, maxSteps, shuffleBuffer, methodParams);
  }

  public PretrainOptions withLogEvery(int newLogEvery) {
    return new PretrainOptions(method, backbone, epochs, batchSize, optimizer, lr, weightDecay,
        momentum, warmupEpochs, tauBase, projectorHidden, projectorOut, predictorHidden, projectorNorm, predictorNorm,
        seed, newLogEvery, maxSteps, shuffleBuffer, methodParams);
  }

  public PretrainOptions withMaxSteps(long newMaxSteps) {
    return new PretrainOptions(method, backbone, epochs, batchSize, optimizer, lr, weightDecay,
        momentum, warmupEpochs, tauBase, projectorHidden, projectorOut, predictorHidden, projectorNorm, predictorNorm,
        seed, logEvery, newMaxSteps, shuffleBuffer, methodParams);
  }

  public PretrainOptions withShuffleBuffer(int newShuffleBuffer) {
    return new PretrainOptions(method, backbone, epochs, batchSize, optimizer, lr, weightDecay,
        momentum, warmupEpochs, tauBase, projectorHidden, projectorOut, predictorHidden, projectorNorm, predictorNorm,
        seed, logEvery, maxSteps, newShuffleBuffer, methodParams);
  }

  /** These options with other method-specific hyperparameters. */
  public PretrainOptions withMethodParams(MethodParams newMethodParams) {
    return new PretrainOptions(method, backbone, epochs, batchSize, optimizer, lr, weightDecay,
        momentum, warmupEpochs, tauBase, projectorHidden, projectorOut, predictorHidden, projectorNorm, predictorNorm,
        seed, logEvery, maxSteps, shuffleBuffer, newMethodParams);
  }

  /** Logs the method parameters that {@link #method} reads, and only those. */
  private void putMethodParams(Map<String, String> p) {
    MethodParams m = methodParams;
    switch (method) {
      case SimClr.NAME -> p.put("temperature", Double.toString(m.temperature()));
      case MocoV2.NAME -> {
        p.put("temperature", Double.toString(m.temperature()));
        p.put("queue_size", Integer.toString(m.queueSize()));
        p.put("symmetric", Boolean.toString(m.symmetric()));
      }
      case Swav.NAME -> {
        p.put("temperature", Double.toString(m.temperature()));
        p.put("prototypes", Integer.toString(m.prototypes()));
        p.put("sinkhorn_eps", Double.toString(m.sinkhornEps()));
        p.put("sinkhorn_iterations", Integer.toString(m.sinkhornIterations()));
        p.put("freeze_prototype_steps", Long.toString(m.freezePrototypeSteps()));
        p.put("swav_queue", "none");
      }
      case BarlowTwins.NAME -> {
        p.put("barlow_lambda", Double.toString(m.barlowLambda()));
        p.put("barlow_scale", Double.toString(m.barlowScale()));
      }
      case Byol.NAME -> {
        p.put("stop_gradient", Boolean.toString(m.stopGradient()));
        p.put("predictor", Boolean.toString(m.predictor()));
      }
      case SimSiam.NAME -> p.put("stop_gradient", Boolean.toString(m.stopGradient()));
      default -> {
        // Other methods read none of them.
      }
    }
  }

  /** {@code value} lower-cased, or an error naming {@code key} if it is not a head norm. */
  private static String headNorm(String key, String value) {
    String norm = lower(value, key);
    if (!Norms.NAMES.contains(norm)) {
      throw new IllegalArgumentException(key + ": unknown '" + norm + "', expected one of " + Norms.NAMES);
    }
    return norm;
  }

  private static String lower(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is required");
    }
    return value.trim().toLowerCase(Locale.ROOT);
  }

  private static void positive(String key, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be positive, got " + value);
    }
  }
}

package dev.sslbench.evaluation;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.sslbench.core.tracking.MetricSink;
import java.util.Arrays;
import java.util.Random;

/**
 * Linear evaluation on frozen features: one linear layer trained with softmax cross-entropy on the
 * standardised train features (train mean/std), then top-1/top-5 on the test features.
 *
 * <p>Weights start at zero (the problem is convex, so no random init is needed and runs with the
 * same seed give the same numbers). The only randomness is the seeded per-epoch shuffle.
 */
public final class LinearProbe {
  /** Metric logged once per epoch (step = epoch, 1-based): mean train cross-entropy. */
  public static final String TRAIN_LOSS = "linear_train_loss";

  private static final String ENGINE = "PyTorch";
  private static final int EVAL_CHUNK = 4096;

  private final LinearProbeOptions options;

  public LinearProbe(LinearProbeOptions options) {
    this.options = options;
  }

  public LinearProbe() {
    this(LinearProbeOptions.DEFAULTS);
  }

  /** Trains on {@code train}, logs {@value #TRAIN_LOSS} per epoch, scores {@code test}. */
  public LinearResult evaluate(FeatureSet train, FeatureSet test, MetricSink sink) {
    if (train.dim() != test.dim()) {
      throw new IllegalArgumentException(
          "train features have dim " + train.dim() + " but test features dim " + test.dim());
    }
    if (train.count() == 0) {
      throw new IllegalArgumentException("linear probe needs at least one train row");
    }
    train.requireFinite("train");
    test.requireFinite("test");
    int n = train.count();
    int d = train.dim();
    int classes = Math.max(train.numClasses(), test.numClasses());
    Standardizer standardizer = Standardizer.fit(train);
    float[] xTrain = standardizer.apply(train);
    float[] xTest = standardizer.apply(test);
    int batch = Math.min(options.batchSize(), n);
    int stepsPerEpoch = (n + batch - 1) / batch;

    try (Linear model = new Linear(d, classes, optimizer(options.epochs() * stepsPerEpoch))) {
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Random random = new Random(options.seed());
      float[] xb = new float[batch * d];
      float[] yb = new float[batch * classes];
      double epochLoss = Double.NaN;
      for (int epoch = 1; epoch <= options.epochs(); epoch++) {
        shuffle(order, random);
        double lossSum = 0;
        for (int start = 0; start < n; start += batch) {
          int rows = Math.min(batch, n - start);
          Arrays.fill(yb, 0f);
          for (int r = 0; r < rows; r++) {
            int i = order[start + r];
            System.arraycopy(xTrain, i * d, xb, r * d, d);
            yb[r * classes + train.labels()[i]] = 1f;
          }
          lossSum += model.step(xb, yb, rows) * rows;
        }
        epochLoss = lossSum / n;
        sink.log(TRAIN_LOSS, epochLoss, epoch);
      }

      ClassRanking ranking = new ClassRanking();
      double[] scores = new double[classes];
      for (int start = 0; start < test.count(); start += EVAL_CHUNK) {
        int rows = Math.min(EVAL_CHUNK, test.count() - start);
        float[] logits = model.logits(xTest, start, rows);
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < classes; c++) {
            scores[c] = logits[r * classes + c];
          }
          ranking.add(scores, test.labels()[start + r]);
        }
      }
      return new LinearResult(ranking.top1(), ranking.top5(), options.epochs(), epochLoss);
    }
  }

  private Optimizer optimizer(int totalSteps) {
    Tracker lr =
        Tracker.cosine()
            .setBaseValue((float) options.learningRate())
            .optFinalValue(0f)
            .setMaxUpdates(Math.max(1, totalSteps))
            .build();
    return switch (options.optimizer()) {
      case SGD ->
          Optimizer.sgd()
              .setLearningRateTracker(lr)
              .optMomentum((float) options.momentum())
              .optWeightDecays((float) options.weightDecay())
              .build();
      case ADAM ->
          Optimizer.adam()
              .optLearningRateTracker(lr)
              .optWeightDecays((float) options.weightDecay())
              .build();
    };
  }

  /** Fisher-Yates, continuing one seeded stream across epochs. */
  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** The layer's parameters and native memory; each step's arrays live in a sub-manager. */
  private static final class Linear implements AutoCloseable {
    private final Engine engine = Engine.getEngine(ENGINE);
    private final NDManager manager = engine.newBaseManager(Device.cpu());
    private final int dim;
    private final int classes;
    private final Optimizer optimizer;
    private final NDArray weight;
    private final NDArray bias;

    Linear(int dim, int classes, Optimizer optimizer) {
      this.dim = dim;
      this.classes = classes;
      this.optimizer = optimizer;
      this.weight = manager.zeros(new Shape(dim, classes));
      this.bias = manager.zeros(new Shape(classes));
      weight.setRequiresGradient(true);
      bias.setRequiresGradient(true);
    }

    /** One optimiser step on the first {@code rows} rows of the batch; returns their mean loss. */
    double step(float[] x, float[] oneHot, int rows) {
      double loss;
      try (NDManager step = manager.newSubManager()) {
        // The last batch of an epoch may be short: only its rows go to the engine.
        float[] xs = x.length == rows * dim ? x : Arrays.copyOf(x, rows * dim);
        float[] ys =
            oneHot.length == rows * classes ? oneHot : Arrays.copyOf(oneHot, rows * classes);
        NDArray input = step.create(xs, new Shape(rows, dim));
        NDArray target = step.create(ys, new Shape(rows, classes));
        try (GradientCollector collector = engine.newGradientCollector()) {
          NDArray logits = input.matMul(weight).add(bias);
          NDArray ce = logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
          collector.backward(ce);
          loss = ce.getFloat();
        }
      }
      update("weight", weight);
      update("bias", bias);
      return loss;
    }

    float[] logits(float[] x, int startRow, int rows) {
      try (NDManager chunk = manager.newSubManager()) {
        float[] block = new float[rows * dim];
        System.arraycopy(x, startRow * dim, block, 0, rows * dim);
        return chunk.create(block, new Shape(rows, dim)).matMul(weight).add(bias).toFloatArray();
      }
    }

    /** Applies the gradient, then zeroes it: PyTorch accumulates gradients across backwards. */
    private void update(String id, NDArray parameter) {
      try (NDArray grad = parameter.getGradient()) {
        optimizer.update(id, parameter, grad);
        grad.subi(grad);
      }
    }

    @Override
    public void close() {
      manager.close();
    }
  }
}

package dev.sslbench.workflow.stages;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.sslbench.core.config.ExperimentConfig;
import dev.sslbench.core.data.ImageDatasets;
import dev.sslbench.core.data.ImageRecords;
import dev.sslbench.core.data.SourceRecord;
import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.evaluation.FeatureSet;
import dev.sslbench.evaluation.FrozenFeatures;
import dev.sslbench.evaluation.KnnClassifier;
import dev.sslbench.evaluation.KnnOptions;
import dev.sslbench.evaluation.KnnResult;
import dev.sslbench.evaluation.LinearProbe;
import dev.sslbench.evaluation.LinearProbeOptions;
import dev.sslbench.evaluation.LinearResult;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.backbone.Backbones;
import dev.sslbench.training.checkpoint.BackboneCheckpoint;
import dev.sslbench.training.data.PixelNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation stage: features of the un-augmented train and test splits from one frozen backbone, extracted
 * once, then weighted kNN and a linear probe on them.
 */
public final class EvalStage {

  /** Scores of one backbone; either may be null when that protocol was not run. */
  public record Outcome(String runId, KnnResult knn, LinearResult linear) {}

  private EvalStage() {}

  /** The evaluation settings of an experiment file. */
  public static EvalOptions options(ExperimentConfig config) {
    ExperimentConfig.EvaluationConfig e = config.evaluation();
    KnnOptions knn = KnnOptions.DEFAULTS.withK(e.knn().k()).withTemperature(e.knn().temperature());
    LinearProbeOptions linear = LinearProbeOptions.DEFAULTS.withSeed(config.seed());
    ExperimentConfig.LinearConfig l = e.linear();
    if (l.epochs() != null) {
      linear = linear.withEpochs(l.epochs());
    }
    if (l.batchSize() != null) {
      linear = linear.withBatchSize(l.batchSize());
    }
    if (l.lr() != null) {
      linear = linear.withLearningRate(l.lr());
    }
    if (l.weightDecay() != null) {
      linear = linear.withWeightDecay(l.weightDecay());
    }
    return new EvalOptions(
        config.dataset().format(), Path.of(config.dataset().path()), e.trainLimit(), e.testLimit(), knn, linear);
  }

  /**
   * Evaluates {@code backbone}; {@code manifest} gives the image shape and the normalisation used in pretraining.
   * {@code shardsRunId} (nullable) links the run to the preprocess run.
   */
  public static Outcome run(
      StageContext ctx,
      BackboneSource backbone,
      DatasetManifest manifest,
      EvalOptions options,
      String shardsRunId,
      String stageKey) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(StageContext.METHOD_TAG, backbone.method());
    tags.put(StageContext.LABEL_TAG, backbone.label());
    if (backbone.pretrainRunId() != null) {
      tags.put(StageContext.PRETRAIN_RUN_TAG, backbone.pretrainRunId());
    }
    if (shardsRunId != null) {
      tags.put(StageContext.SHARDS_RUN_TAG, shardsRunId);
    }
    return ctx.inRun(
        "eval-" + backbone.label(),
        "eval",
        stageKey,
        tags,
        run -> {
          run.logParams(params(backbone, options));
          try (NDManager manager = NDManager.newBaseManager()) {
            Block block = load(backbone, manifest, manager);
            PixelNormalizer normalizer = new PixelNormalizer(manifest.shape(), manifest.mean(), manifest.std());
            long start = System.nanoTime();
            FeatureSet train = features(block, manager, options, "train", options.trainLimit(), manifest, normalizer);
            FeatureSet test = features(block, manager, options, "test", options.testLimit(), manifest, normalizer);
            double extractSeconds = (System.nanoTime() - start) / 1e9;
            run.log("feature_extraction_seconds", extractSeconds, 0);
            run.log("feature_img_s", (train.count() + test.count()) / Math.max(extractSeconds, 1e-9), 0);
            run.log("feature_z_std", FrozenFeatures.normalizedStd(test), 0);
            String label = "[eval-" + backbone.label() + "]";
            System.err.printf(
                Locale.ROOT, "%s features: %d train + %d test images, dim %d, %.1f s%n",
                label, train.count(), test.count(), train.dim(), extractSeconds);
            KnnResult knn = null;
            if (options.knn() != null) {
              knn = new KnnClassifier(options.knn()).evaluate(train, test);
              run.log("knn_top1", knn.top1(), 0);
              run.log("knn_top5", knn.top5(), 0);
              System.err.printf(Locale.ROOT, "%s kNN (k=%d, T=%.2f) top-1 %.2f%%%n", label, knn.k(), knn.temperature(), 100 * knn.top1());
            }
            LinearResult linear = null;
            if (options.linear() != null) {
              linear = new LinearProbe(options.linear()).evaluate(train, test, run);
              run.log("linear_top1", linear.top1(), 0);
              run.log("linear_top5", linear.top5(), 0);
              System.err.printf(Locale.ROOT, "%s linear top-1 %.2f%%, top-5 %.2f%%%n", label, 100 * linear.top1(), 100 * linear.top5());
            }
            return new Outcome(run.runId(), knn, linear);
          }
        });
  }

  private static Block load(BackboneSource backbone, DatasetManifest manifest, NDManager manager) {
    if (backbone.isRandomInit()) {
      BackboneSpec spec = BackboneSpec.preset(backbone.preset(), manifest.shape().channels());
      return Backbones.randomInit(spec, backbone.seed(), manager);
    }
    try {
      return BackboneCheckpoint.load(backbone.checkpointDir(), manager).block();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Features of the labelled, readable images of a split; bad records are skipped, as in preprocessing. */
  private static FeatureSet features(
      Block block, NDManager manager, EvalOptions options, String split, int limit, DatasetManifest manifest,
      PixelNormalizer normalizer) {
    Path dir = options.datasetDir();
    List<LabeledImage> images = new java.util.ArrayList<>();
    try (ImageRecords records = ImageDatasets.open(options.format(), dir, split).records(limit)) {
      for (SourceRecord r : records) {
        if (!r.isBad() && r.image().label() >= 0) {
          images.add(r.image());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": reading the " + split + " split: " + e.getMessage(), e);
    }
    if (images.isEmpty()) {
      throw new IllegalArgumentException(dir + ": the " + split + " split has no labelled images to evaluate on");
    }
    return FrozenFeatures.extract(block, manager, images, manifest.shape(), normalizer);
  }

  private static Map<String, String> params(BackboneSource backbone, EvalOptions o) {
    Map<String, String> p = new LinkedHashMap<>(settings(o));
    p.put("method", backbone.method());
    p.put("label", backbone.label());
    p.put("eval.backbone", backbone.isRandomInit() ? "random-init:" + backbone.preset() : backbone.checkpointDir().toString());
    return p;
  }

  /** What decides the scores, apart from the backbone itself. */
  public static Map<String, String> settings(EvalOptions o) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("eval.dataset", o.datasetDir().toString());
    p.put("eval.format", o.format());
    p.put("eval.feature", "backbone (global average pool, before the projector)");
    p.put("eval.train_limit", String.valueOf(o.trainLimit()));
    p.put("eval.test_limit", String.valueOf(o.testLimit()));
    if (o.knn() != null) {
      p.put("eval.knn.k", String.valueOf(o.knn().k()));
      p.put("eval.knn.temperature", String.valueOf(o.knn().temperature()));
      p.put("eval.knn.similarity", "cosine");
    }
    if (o.linear() != null) {
      p.put("eval.linear.epochs", String.valueOf(o.linear().epochs()));
      p.put("eval.linear.batch_size", String.valueOf(o.linear().batchSize()));
      p.put("eval.linear.optimizer", o.linear().optimizer().name().toLowerCase(Locale.ROOT));
      p.put("eval.linear.lr", String.valueOf(o.linear().learningRate()));
      p.put("eval.linear.weight_decay", String.valueOf(o.linear().weightDecay()));
    }
    return p;
  }
}

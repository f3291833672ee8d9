package dev.sslbench.core.config;

import java.util.List;

/**
 * One experiment, as read from an experiment YAML file: the dataset and its preprocessing, the pretraining runs,
 * the evaluations on each backbone and the report. Every field has a default, so a file only states what differs.
 */
public record ExperimentConfig(
    String name,
    Long seed,
    DatasetConfig dataset,
    PreprocessConfig preprocess,
    String backbone,
    List<PretrainConfig> pretrain,
    EvaluationConfig evaluation) {

  public ExperimentConfig {
    name = name == null ? "quickstart" : name;
    seed = seed == null ? 0L : seed;
    dataset = dataset == null ? DatasetConfig.DEFAULT : dataset;
    preprocess = preprocess == null ? PreprocessConfig.DEFAULT : preprocess;
    backbone = backbone == null ? "resnet-tiny" : backbone;
    pretrain = pretrain == null ? List.of() : List.copyOf(pretrain);
    evaluation = evaluation == null ? EvaluationConfig.DEFAULT : evaluation;
  }

  /** Where the dataset comes from. */
  public record DatasetConfig(String name, String format, String path) {
    public static final DatasetConfig DEFAULT = new DatasetConfig(null, null, null);

    public DatasetConfig {
      name = name == null ? "fashion-mnist" : name;
      format = format == null ? "idx" : format;
      path = path == null ? "/usr/share/datasets/fashion-mnist" : path;
    }
  }

  /** How the view-pair shards are made: augmentation preset, how many augmented epochs, how many images. */
  public record PreprocessConfig(
      String preset, Integer augmentationEpochs, Integer limit, Integer numShards) {
    public static final PreprocessConfig DEFAULT = new PreprocessConfig(null, null, null, null);

    public PreprocessConfig {
      preset = preset == null ? "byol" : preset;
      augmentationEpochs = augmentationEpochs == null ? 2 : augmentationEpochs;
      limit = limit == null ? 0 : limit;
      numShards = numShards == null ? 8 : numShards;
    }
  }

  /**
   * One pretraining run. {@code epochs} counts passes over the images; each pass over the materialised shards is
   * {@code augmentation_epochs} image epochs, so epochs must be a multiple of it. Unset fields take the method's own
   * defaults. {@code label} names the run in tables and MLflow (default: the method), so that ablations of one
   * method stay apart; {@code encoderNorm}, {@code projectorNorm}, {@code predictorNorm}, {@code stopGradient} and
   * {@code predictor} are the normalization and stop-gradient ablation switches.
   */
  public record PretrainConfig(
      String method,
      String label,
      Integer epochs,
      Integer batchSize,
      String optimizer,
      Double lr,
      Double weightDecay,
      Double momentum,
      Double warmupEpochs,
      Double tauBase,
      Integer maxSteps,
      String encoderNorm,
      String projectorNorm,
      String predictorNorm,
      Boolean stopGradient,
      Boolean predictor,
      Double temperature) {
    public PretrainConfig {
      label = label == null ? method : label;
      epochs = epochs == null ? 2 : epochs;
      batchSize = batchSize == null ? 256 : batchSize;
    }
  }

  /** Evaluations on frozen features of every backbone, and the random-init baseline. */
  public record EvaluationConfig(
      Boolean randomInit, Integer trainLimit, Integer testLimit, KnnConfig knn, LinearConfig linear) {
    public static final EvaluationConfig DEFAULT = new EvaluationConfig(null, null, null, null, null);

    public EvaluationConfig {
      randomInit = randomInit == null ? Boolean.TRUE : randomInit;
      trainLimit = trainLimit == null ? 0 : trainLimit;
      testLimit = testLimit == null ? 0 : testLimit;
      knn = knn == null ? KnnConfig.DEFAULT : knn;
      linear = linear == null ? LinearConfig.DEFAULT : linear;
    }
  }

  /** Weighted kNN: cosine similarity, k neighbours, weights exp(sim / temperature). */
  public record KnnConfig(Integer k, Double temperature) {
    public static final KnnConfig DEFAULT = new KnnConfig(null, null);

    public KnnConfig {
      k = k == null ? 200 : k;
      temperature = temperature == null ? 0.1 : temperature;
    }
  }

  /** Linear probe on frozen features; unset fields take the probe's defaults. */
  public record LinearConfig(Integer epochs, Integer batchSize, Double lr, Double weightDecay) {
    public static final LinearConfig DEFAULT = new LinearConfig(null, null, null, null);
  }
}

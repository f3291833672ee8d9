package dev.sslbench.evaluation;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Weighted kNN on frozen features (InstDisc; lightly's {@code knn_predict}): cosine similarity to
 * every train row, the top k neighbours vote with weight {@code exp(sim / T)}, the class with the
 * largest summed weight wins.
 *
 * <p>Similarities are one DJL matmul per chunk of test rows; neighbour selection and voting run in
 * Java so that ties resolve deterministically (lower train index, then lower class index).
 */
public final class KnnClassifier {
  private static final String ENGINE = "PyTorch";
  /** As torch.nn.functional.normalize: rows of zero norm stay zero instead of dividing by 0. */
  private static final double NORM_EPS = 1e-12;

  private final KnnOptions options;

  public KnnClassifier(KnnOptions options) {
    this.options = options;
  }

  public KnnClassifier() {
    this(KnnOptions.DEFAULTS);
  }

  /** Top-1 and top-5 accuracy of {@code test} classified by its neighbours in {@code train}. */
  public KnnResult evaluate(FeatureSet train, FeatureSet test) {
    ClassRanking ranking = new ClassRanking();
    int k = score(train, test, (row, scores) -> ranking.add(scores, test.labels()[row]));
    return new KnnResult(ranking.top1(), ranking.top5(), k, options.temperature());
  }

  /** The predicted class of every test row (its labels are not used). */
  public int[] predict(FeatureSet train, FeatureSet test) {
    int[] predictions = new int[test.count()];
    score(train, test, (row, scores) -> predictions[row] = ClassRanking.argmax(scores));
    return predictions;
  }

  /** Receives the class scores of one test row; the array is reused for the next row. */
  interface RowScores {
    void accept(int row, double[] classScores);
  }

  /** Scores every test row; returns the k used. */
  int score(FeatureSet train, FeatureSet test, RowScores sink) {
    if (train.dim() != test.dim()) {
      throw new IllegalArgumentException(
          "train features have dim " + train.dim() + " but test features dim " + test.dim());
    }
    if (train.count() == 0) {
      throw new IllegalArgumentException("kNN needs at least one train row");
    }
    train.requireFinite("train");
    test.requireFinite("test");
    int n = train.count();
    int d = train.dim();
    int k = Math.min(options.k(), n);
    int classes = Math.max(train.numClasses(), test.numClasses());
    float[] trainNorm = l2Normalized(train);
    float[] testNorm = l2Normalized(test);
    int[] trainLabels = train.labels();
    double invT = 1.0 / options.temperature();
    NearestNeighbours neighbours = new NearestNeighbours(k);
    double[] scores = new double[classes];

    try (NDManager manager = Engine.getEngine(ENGINE).newBaseManager(Device.cpu());
        NDArray bank = manager.create(trainNorm, new Shape(n, d));
        NDArray bankT = bank.transpose()) {
      for (int start = 0; start < test.count(); start += options.chunkRows()) {
        int rows = Math.min(options.chunkRows(), test.count() - start);
        float[] sims;
        try (NDManager chunk = manager.newSubManager()) {
          float[] block = new float[rows * d];
          System.arraycopy(testNorm, start * d, block, 0, rows * d);
          NDArray queries = chunk.create(block, new Shape(rows, d));
          sims = queries.matMul(bankT).toFloatArray();
        }
        for (int r = 0; r < rows; r++) {
          neighbours.select(sims, r * n, n);
          Arrays.fill(scores, 0);
          for (int i = 0; i < neighbours.size(); i++) {
            scores[trainLabels[neighbours.index(i)]] += Math.exp(neighbours.similarity(i) * invT);
          }
          sink.accept(start + r, scores);
        }
      }
    }
    return k;
  }

  static float[] l2Normalized(FeatureSet set) {
    int d = set.dim();
    float[] in = set.features();
    float[] out = new float[in.length];
    for (int row = 0; row < set.count(); row++) {
      double sq = 0;
      for (int j = 0; j < d; j++) {
        double v = in[row * d + j];
        sq += v * v;
      }
      double scale = 1.0 / Math.max(Math.sqrt(sq), NORM_EPS);
      for (int j = 0; j < d; j++) {
        out[row * d + j] = (float) (in[row * d + j] * scale);
      }
    }
    return out;
  }
}

package dev.sslbench.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KnnClassifierTest {

  @Test
  void agreesWithBruteForceOnRandomData() {
    FeatureSet train = SyntheticFeatures.clusters(10, 60, 24, 1.5, 1, 2);
    FeatureSet test = SyntheticFeatures.clusters(10, 15, 24, 1.5, 1, 3);
    for (int k : new int[] {1, 20, 200}) {
      // Chunks of 37 rows do not divide 150: exercises the short last chunk.
      KnnOptions options = new KnnOptions(k, 0.1, 37);
      BruteForce expected = BruteForce.run(train, test, k, 0.1);

      KnnClassifier knn = new KnnClassifier(options);
      assertArrayEquals(expected.predictions, knn.predict(train, test), "k=" + k);
      KnnResult result = knn.evaluate(train, test);
      assertEquals(expected.top1, result.top1(), 0.0, "k=" + k);
      assertEquals(expected.top5, result.top5(), 0.0, "k=" + k);
      assertEquals(k, result.k());
      assertTrue(result.top5() >= result.top1());
    }
    // Clustered data is learnable: the comparison above is not between two chance-level guesses.
    assertTrue(new KnnClassifier(new KnnOptions(20, 0.1, 64)).evaluate(train, test).top1() > 0.5);
  }

  @Test
  void handWorkedSixPoints() {
    // Unit vectors at angles (degrees): class 1 at 0; class 0 at +25 and -25; class 2 at 90, 180, 270.
    double[] angles = {0, 25, -25, 90, 180, 270};
    int[] labels = {1, 0, 0, 2, 2, 2};
    FeatureSet train = new FeatureSet(unitVectors(angles), 6, 2, labels);
    // Query at 0: neighbours sim 1 (class 1), cos 25 = 0.9063 twice (class 0).
    //   class 1: exp(10) = 22026; class 0: 2 exp(9.063) = 17264  -> 1 (a plain vote would say 0).
    // Query at 10 (x 3, to check that the norm does not matter): sims cos 10 = 0.9848 (class 1),
    //   cos 15 = 0.9659 and cos 35 = 0.8192 (class 0).
    //   class 1: exp(9.848) = 18945; class 0: exp(9.659) + exp(8.192) = 15636 + 3609 = 19245 -> 0.
    float[] queries = unitVectors(new double[] {0, 10});
    queries[2] *= 3;
    queries[3] *= 3;
    FeatureSet test = new FeatureSet(queries, 2, 2, new int[] {1, 0});

    KnnClassifier knn = new KnnClassifier(new KnnOptions(3, 0.1, 1));
    assertArrayEquals(new int[] {1, 0}, knn.predict(train, test));
    assertEquals(new KnnResult(1.0, 1.0, 3, 0.1), knn.evaluate(train, test));
    // With a high temperature the weights even out and the majority (class 0) wins at 0 degrees.
    assertArrayEquals(
        new int[] {0, 0}, new KnnClassifier(new KnnOptions(3, 100, 8)).predict(train, test));
  }

  @Test
  void tiesGoToTheLowerTrainIndexThenTheLowerClass() {
    float[] twoSame = {1, 0, 1, 0};
    FeatureSet query = new FeatureSet(new float[] {1, 0}, 1, 2, new int[] {0});
    KnnOptions one = new KnnOptions(1, 0.1, 8);
    assertArrayEquals(
        new int[] {3}, new KnnClassifier(one).predict(new FeatureSet(twoSame, 2, 2, new int[] {3, 1}), query));
    assertArrayEquals(
        new int[] {1}, new KnnClassifier(one).predict(new FeatureSet(twoSame, 2, 2, new int[] {1, 3}), query));
    // Both neighbours weigh the same: equal class scores, the lower class wins.
    KnnOptions two = new KnnOptions(2, 0.1, 8);
    assertArrayEquals(
        new int[] {1}, new KnnClassifier(two).predict(new FeatureSet(twoSame, 2, 2, new int[] {3, 1}), query));
  }

  @Test
  void kIsCappedAtTheTrainSize() {
    FeatureSet train = SyntheticFeatures.clusters(3, 4, 5, 0.1, 7, 8);
    FeatureSet test = SyntheticFeatures.clusters(3, 2, 5, 0.1, 7, 9);
    KnnResult result = new KnnClassifier().evaluate(train, test);
    assertEquals(12, result.k());
    assertEquals(0.1, result.temperature());
  }

  @Test
  void badInputIsNamed() {
    FeatureSet train = new FeatureSet(new float[] {1, 0, Float.NaN, 1}, 2, 2, new int[] {0, 1});
    FeatureSet test = new FeatureSet(new float[] {1, 0}, 1, 2, new int[] {0});
    IllegalArgumentException nan =
        assertThrows(IllegalArgumentException.class, () -> new KnnClassifier().evaluate(train, test));
    assertEquals("train features: row 1, column 0 is NaN", nan.getMessage());
    FeatureSet wide = new FeatureSet(new float[] {1, 0, 0}, 1, 3, new int[] {0});
    IllegalArgumentException dims =
        assertThrows(IllegalArgumentException.class, () -> new KnnClassifier().evaluate(test, wide));
    assertEquals("train features have dim 2 but test features dim 3", dims.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new FeatureSet(new float[3], 2, 2, new int[2]));
    assertThrows(IllegalArgumentException.class, () -> new FeatureSet(new float[2], 1, 2, new int[] {-1}));
    assertThrows(IllegalArgumentException.class, () -> new KnnOptions(0, 0.1, 1));
  }

  private static float[] unitVectors(double[] degrees) {
    float[] out = new float[degrees.length * 2];
    for (int i = 0; i < degrees.length; i++) {
      out[2 * i] = (float) Math.cos(Math.toRadians(degrees[i]));
      out[2 * i + 1] = (float) Math.sin(Math.toRadians(degrees[i]));
    }
    return out;
  }

  /** The definition, written as plainly as possible, in double precision. */
  private static final class BruteForce {
    int[] predictions;
    double top1;
    double top5;

    static BruteForce run(FeatureSet train, FeatureSet test, int k, double t) {
      int d = train.dim();
      int classes = Math.max(train.numClasses(), test.numClasses());
      double[][] a = normalized(train);
      double[][] b = normalized(test);
      BruteForce out = new BruteForce();
      out.predictions = new int[test.count()];
      int hits1 = 0;
      int hits5 = 0;
      for (int q = 0; q < test.count(); q++) {
        double[] sims = new double[train.count()];
        for (int j = 0; j < train.count(); j++) {
          for (int c = 0; c < d; c++) {
            sims[j] += b[q][c] * a[j][c];
          }
        }
        Integer[] byIndex = IntStream.range(0, train.count()).boxed().toArray(Integer[]::new);
        Arrays.sort(byIndex, Comparator.comparingDouble((Integer j) -> -sims[j]).thenComparingInt(j -> j));
        double[] scores = new double[classes];
        for (int i = 0; i < Math.min(k, train.count()); i++) {
          scores[train.labels()[byIndex[i]]] += Math.exp(sims[byIndex[i]] / t);
        }
        Integer[] ranked = IntStream.range(0, classes).boxed().toArray(Integer[]::new);
        Arrays.sort(ranked, Comparator.comparingDouble((Integer c) -> -scores[c]).thenComparingInt(c -> c));
        out.predictions[q] = ranked[0];
        int label = test.labels()[q];
        hits1 += ranked[0] == label ? 1 : 0;
        for (int i = 0; i < Math.min(5, classes); i++) {
          hits5 += ranked[i] == label ? 1 : 0;
        }
      }
      out.top1 = (double) hits1 / test.count();
      out.top5 = (double) hits5 / test.count();
      return out;
    }

    private static double[][] normalized(FeatureSet s) {
      double[][] out = new double[s.count()][s.dim()];
      for (int i = 0; i < s.count(); i++) {
        double norm = 0;
        for (int c = 0; c < s.dim(); c++) {
          norm += (double) s.features()[i * s.dim() + c] * s.features()[i * s.dim() + c];
        }
        norm = Math.sqrt(norm);
        for (int c = 0; c < s.dim(); c++) {
          out[i][c] = s.features()[i * s.dim() + c] / norm;
        }
      }
      return out;
    }
  }
}

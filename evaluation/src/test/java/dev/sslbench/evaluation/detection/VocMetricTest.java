package dev.sslbench.evaluation.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** VOC AP on hand-computed cases. */
class VocMetricTest {
  private static final CocoDataset TWO_OBJECTS =
      new CocoDataset(
          new long[] {1},
          new long[] {1, 2},
          List.of(
              new GroundTruth(1, 1, 1, new Box(0, 0, 10, 10), 100, false),
              new GroundTruth(2, 1, 1, new Box(50, 50, 10, 10), 100, false),
              new GroundTruth(3, 1, 1, new Box(100, 100, 10, 10), 100, true)));

  // Ranked: hit, false positive, duplicate of the first (false positive), hit, crowd hit.
  private static final CocoResults RANKED =
      new CocoResults(
          List.of(
              new Detection(1, 1, 1, new Box(0, 0, 10, 10), 0.9),
              new Detection(2, 1, 1, new Box(200, 200, 10, 10), 0.8),
              new Detection(3, 1, 1, new Box(1, 0, 10, 10), 0.7),
              new Detection(4, 1, 1, new Box(50, 50, 10, 10), 0.6),
              new Detection(5, 1, 1, new Box(100, 100, 10, 10), 0.95)));

  @Test
  void allPointIsTheAreaUnderTheEnvelope() {
    VocMetric.Result result = new VocMetric(VocMetric.Mode.ALL_POINT).evaluate(TWO_OBJECTS, RANKED);
    // recall 0.5 at precision 1, recall 1 at precision 2/4; category 2 has no ground truth.
    assertEquals(0.5 * 1 + 0.5 * 0.5, result.ap()[0], 1e-15);
    assertEquals(-1, result.ap()[1]);
    assertEquals(0.75, result.meanAp(), 1e-15);
  }

  @Test
  void elevenPointSamplesMaxPrecision() {
    VocMetric.Result result =
        new VocMetric(VocMetric.Mode.ELEVEN_POINT).evaluate(TWO_OBJECTS, RANKED);
    // Thresholds 0..0.5 (6 of them) see precision 1, 0.6..1.0 (5) see 0.5.
    assertEquals((6 * 1.0 + 5 * 0.5) / 11, result.ap()[0], 1e-15);
  }

  @Test
  void iouMustExceedTheThreshold() {
    // IoU exactly 0.5 (a 10x10 box against a 10x20 box it half covers) is not a match in VOC.
    CocoDataset gt =
        new CocoDataset(
            new long[] {1},
            new long[] {1},
            List.of(new GroundTruth(1, 1, 1, new Box(0, 0, 10, 20), 200, false)));
    CocoResults dt = new CocoResults(List.of(new Detection(1, 1, 1, new Box(0, 0, 10, 10), 1)));
    assertEquals(0, new VocMetric(VocMetric.Mode.ALL_POINT).evaluate(gt, dt).meanAp());
  }
}

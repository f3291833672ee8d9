package dev.sslbench.evaluation.detection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-checked cases of the COCO bbox evaluator. */
class CocoEvaluatorTest {
  private static final long[] ONE_IMAGE = {1};
  private static final long[] ONE_CATEGORY = {1};

  @Test
  void perfectDetectionsOfOneMediumObject() {
    GroundTruth gt = new GroundTruth(1, 1, 1, new Box(10, 10, 40, 40), 1600, false);
    Detection dt = new Detection(1, 1, 1, new Box(10, 10, 40, 40), 0.9);
    double[] stats = evaluate(List.of(gt), List.of(dt)).run();
    // Precision is tp / (tp + fp + eps), a hair below 1 even when perfect, as in pycocotools.
    assertArrayEquals(new double[] {1, 1, 1, -1, 1, -1, 1, 1, 1, -1, 1, -1}, stats, 1e-15);
    assertEquals(1, stats[8]);
  }

  @Test
  void areaRangeUsesTheAnnotationsAreaNotTheBox() {
    // A 40x40 box whose annotation area is 900 counts as small.
    GroundTruth gt = new GroundTruth(1, 1, 1, new Box(10, 10, 40, 40), 900, false);
    Detection dt = new Detection(1, 1, 1, new Box(10, 10, 40, 40), 0.9);
    double[] stats = evaluate(List.of(gt), List.of(dt)).run();
    assertEquals(1, stats[3], 1e-15);
    // Within "medium" the ground truth is ignored, so that AP is undefined.
    assertEquals(-1, stats[4]);
  }

  @Test
  void crowdAbsorbsManyDetectionsWithoutFalsePositives() {
    GroundTruth person = new GroundTruth(1, 1, 1, new Box(0, 0, 50, 50), 2500, false);
    GroundTruth crowd = new GroundTruth(2, 1, 1, new Box(100, 0, 200, 200), 40000, true);
    Detection hit = new Detection(1, 1, 1, new Box(0, 0, 50, 50), 0.5);
    // Inside the crowd: IoU with a crowd is intersection over the detection's own area (1).
    Detection inCrowd1 = new Detection(2, 1, 1, new Box(110, 10, 30, 30), 0.9);
    Detection inCrowd2 = new Detection(3, 1, 1, new Box(150, 50, 30, 30), 0.8);
    double[] stats = evaluate(List.of(person, crowd), List.of(hit, inCrowd1, inCrowd2)).run();
    assertEquals(1, stats[0], 1e-15);
    assertEquals(1, stats[8]);
  }

  @Test
  void falsePositiveAboveTheHitHalvesPrecision() {
    GroundTruth gt = new GroundTruth(1, 1, 1, new Box(0, 0, 100, 100), 10000, false);
    Detection fp = new Detection(1, 1, 1, new Box(300, 300, 100, 100), 0.9);
    Detection tp = new Detection(2, 1, 1, new Box(0, 0, 100, 100), 0.8);
    CocoEvaluator evaluator = evaluate(List.of(gt), List.of(fp, tp));
    double[] stats = evaluator.run();
    double half = 1 / (2 + NumpyMath.SPACING_1);
    assertEquals(half, stats[1]);
    assertEquals(0, stats[6]); // AR@1: only the false positive is kept
    assertEquals(1, stats[7]);
  }

  @Test
  void noGroundTruthGivesMinusOneEverywhere() {
    Detection dt = new Detection(1, 1, 1, new Box(0, 0, 10, 10), 0.9);
    double[] stats = evaluate(List.of(), List.of(dt)).run();
    for (double s : stats) {
      assertEquals(-1, s);
    }
  }

  @Test
  void summaryHasPycocotoolsLayout() {
    GroundTruth gt = new GroundTruth(1, 1, 1, new Box(10, 10, 40, 40), 1600, false);
    Detection dt = new Detection(1, 1, 1, new Box(12, 10, 40, 40), 0.9);
    // IoU 1520 / 1680 = 0.905 clears 9 of the 10 thresholds (0.8999999999999999 included).
    CocoEvaluator evaluator = evaluate(List.of(gt), List.of(dt));
    evaluator.run();
    String[] lines = evaluator.summary().split("\n");
    assertEquals(12, lines.length);
    assertEquals(
        " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.900",
        lines[0]);
    assertEquals(
        " Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = 1.000",
        lines[1]);
    assertEquals(
        " Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = -1.000",
        lines[3]);
    assertEquals(
        " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.900",
        lines[6]);
  }

  @Test
  void phasesRunInOrder() {
    CocoEvaluator evaluator = evaluate(List.of(), List.of());
    assertThrows(IllegalStateException.class, evaluator::accumulate);
    evaluator.evaluate();
    assertThrows(IllegalStateException.class, evaluator::summarize);
  }

  @Test
  void pythonStyleRounding() {
    assertEquals("0.125", CocoSummary.fixed(0.125, 3));
    assertEquals("0.12", CocoSummary.fixed(0.125, 2)); // exact tie: half-even
    assertEquals("0.90", CocoSummary.fixed(0.8999999999999999, 2));
  }

  private static CocoEvaluator evaluate(List<GroundTruth> gts, List<Detection> dts) {
    return new CocoEvaluator(
        new CocoDataset(ONE_IMAGE, ONE_CATEGORY, gts), new CocoResults(dts));
  }
}

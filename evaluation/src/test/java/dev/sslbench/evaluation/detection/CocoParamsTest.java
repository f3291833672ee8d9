package dev.sslbench.evaluation.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The thresholds are numpy's linspace values, not the naive ones. */
class CocoParamsTest {
  @Test
  void iouThresholdsAreNumpysDoubles() {
    double[] iou = CocoParams.defaults().iouThrs();
    // repr(np.linspace(.5, .95, 10)[8]) in numpy 2.2.6
    assertEquals(0.8999999999999999, iou[8]);
    assertEquals(0.95, iou[9]);
    assertNotEquals(0.5 + 0.05 * 8, iou[8]);
  }

  @Test
  void recallThresholdsAreNumpysDoubles() {
    double[] rec = CocoParams.defaults().recThrs();
    assertEquals(101, rec.length);
    assertEquals(0.35000000000000003, rec[35]);
    assertEquals(0.5700000000000001, rec[57]);
    assertEquals(1.0, rec[100]);
  }
}

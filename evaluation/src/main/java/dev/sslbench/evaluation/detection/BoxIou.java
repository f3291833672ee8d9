package dev.sslbench.evaluation.detection;

import java.util.List;

/**
 * pycocotools' {@code bbIou} (maskApi.c) with the same operation order: for a crowd ground truth
 * the union is the detection's area alone, so one crowd region can absorb many detections.
 */
final class BoxIou {
  private BoxIou() {}

  /** {@code ious[d][g]} between every detection and every ground truth. */
  static double[][] compute(List<Detection> detections, List<GroundTruth> truths) {
    double[][] ious = new double[detections.size()][truths.size()];
    for (int g = 0; g < truths.size(); g++) {
      Box gb = truths.get(g).box();
      double ga = gb.width() * gb.height();
      boolean crowd = truths.get(g).crowd();
      for (int d = 0; d < detections.size(); d++) {
        Box db = detections.get(d).box();
        double da = db.width() * db.height();
        double w =
            Math.min(db.width() + db.x(), gb.width() + gb.x()) - Math.max(db.x(), gb.x());
        if (w <= 0) {
          continue;
        }
        double h =
            Math.min(db.height() + db.y(), gb.height() + gb.y()) - Math.max(db.y(), gb.y());
        if (h <= 0) {
          continue;
        }
        double i = w * h;
        double u = crowd ? da : da + ga - i;
        ious[d][g] = i / u;
      }
    }
    return ious;
  }
}

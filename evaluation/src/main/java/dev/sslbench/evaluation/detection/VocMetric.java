package dev.sslbench.evaluation.detection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PASCAL VOC average precision (py-faster-rcnn's {@code voc_eval}): per category, detections by
 * descending score each claim the ground truth of highest IoU when it exceeds the threshold; crowd
 * annotations play VOC's "difficult" (matching one is neither TP nor FP). Boxes are COCO's
 * continuous {@code [x, y, w, h]}, without VOC's legacy +1 pixel.
 */
public final class VocMetric {
  /** Which VOC AP definition to use. */
  public enum Mode {
    /** VOC2007: mean of the maximum precision at recall >= 0, 0.1, ..., 1.0. */
    ELEVEN_POINT,
    /** VOC2010+: area under the precision envelope at every recall change. */
    ALL_POINT
  }

  /** Per-category AP (-1 for categories without non-crowd ground truth) and their mean. */
  public record Result(long[] categoryIds, double[] ap, double meanAp) {}

  private final double iouThreshold;
  private final Mode mode;

  public VocMetric(double iouThreshold, Mode mode) {
    this.iouThreshold = iouThreshold;
    this.mode = mode;
  }

  /** VOC's standard setting: IoU above 0.5. */
  public VocMetric(Mode mode) {
    this(0.5, mode);
  }

  public Result evaluate(CocoDataset groundTruth, CocoResults results) {
    long[] categories = groundTruth.categoryIds();
    double[] ap = new double[categories.length];
    double sum = 0;
    int counted = 0;
    for (int k = 0; k < categories.length; k++) {
      ap[k] = categoryAp(categories[k], groundTruth, results);
      if (ap[k] > -1) {
        sum += ap[k];
        counted++;
      }
    }
    return new Result(categories, ap, counted == 0 ? -1 : sum / counted);
  }

  private double categoryAp(long category, CocoDataset groundTruth, CocoResults results) {
    Map<Long, List<GroundTruth>> byImage = new HashMap<>();
    int positives = 0;
    for (GroundTruth gt : groundTruth.annotations()) {
      if (gt.categoryId() == category) {
        byImage.computeIfAbsent(gt.imageId(), id -> new ArrayList<>()).add(gt);
        positives += gt.crowd() ? 0 : 1;
      }
    }
    if (positives == 0) {
      return -1;
    }
    List<Detection> detections = new ArrayList<>();
    for (Detection d : results.detections()) {
      if (d.categoryId() == category) {
        detections.add(d);
      }
    }
    double[] scores = detections.stream().mapToDouble(Detection::score).toArray();
    int[] order = NumpyMath.argsortDescending(scores, scores.length);
    Map<GroundTruth, Boolean> claimed = new HashMap<>();
    List<Double> recall = new ArrayList<>();
    List<Double> precision = new ArrayList<>();
    double tp = 0;
    double fp = 0;
    for (int index : order) {
      Detection d = detections.get(index);
      List<GroundTruth> truths = byImage.getOrDefault(d.imageId(), List.of());
      GroundTruth best = null;
      double bestIou = Double.NEGATIVE_INFINITY;
      for (GroundTruth gt : truths) {
        double iou = iou(d.box(), gt.box());
        if (iou > bestIou) {
          bestIou = iou;
          best = gt;
        }
      }
      if (best != null && bestIou > iouThreshold) {
        if (best.crowd()) {
          continue; // difficult: neither TP nor FP, and no point on the curve
        }
        if (claimed.putIfAbsent(best, Boolean.TRUE) == null) {
          tp++;
        } else {
          fp++;
        }
      } else {
        fp++;
      }
      recall.add(tp / positives);
      precision.add(tp / Math.max(tp + fp, Math.ulp(1.0)));
    }
    double[] rec = recall.stream().mapToDouble(Double::doubleValue).toArray();
    double[] prec = precision.stream().mapToDouble(Double::doubleValue).toArray();
    return mode == Mode.ELEVEN_POINT ? elevenPoint(rec, prec) : allPoint(rec, prec);
  }

  /** VOC2007's 11-point interpolated AP. */
  static double elevenPoint(double[] rec, double[] prec) {
    double ap = 0;
    for (int i = 0; i <= 10; i++) {
      double threshold = i * 0.1; // np.arange(0, 1.1, 0.1)
      double p = 0;
      for (int j = 0; j < rec.length; j++) {
        if (rec[j] >= threshold) {
          p = Math.max(p, prec[j]);
        }
      }
      ap += p / 11;
    }
    return ap;
  }

  /** The area under the precision envelope, summed where recall changes. */
  static double allPoint(double[] rec, double[] prec) {
    int n = rec.length;
    double[] mrec = new double[n + 2];
    double[] mpre = new double[n + 2];
    mrec[n + 1] = 1;
    System.arraycopy(rec, 0, mrec, 1, n);
    System.arraycopy(prec, 0, mpre, 1, n);
    for (int i = n + 1; i > 0; i--) {
      mpre[i - 1] = Math.max(mpre[i - 1], mpre[i]);
    }
    double ap = 0;
    for (int i = 0; i < n + 1; i++) {
      if (mrec[i + 1] != mrec[i]) {
        ap += (mrec[i + 1] - mrec[i]) * mpre[i + 1];
      }
    }
    return ap;
  }

  private static double iou(Box a, Box b) {
    double w = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
    double h = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
    if (w <= 0 || h <= 0) {
      return 0;
    }
    double inter = w * h;
    return inter / (a.area() + b.area() - inter);
  }
}

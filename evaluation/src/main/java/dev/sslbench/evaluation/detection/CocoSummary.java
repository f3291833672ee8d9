package dev.sslbench.evaluation.detection;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** pycocotools' {@code summarize()}: the 12 means over the accumulated arrays and their layout. */
final class CocoSummary {
  private static final int STATS = 12;

  private final CocoParams params;
  private final double[][][][][] precision;
  private final double[][][][] recall;

  CocoSummary(CocoParams params, double[][][][][] precision, double[][][][] recall) {
    this.params = params;
    this.precision = precision;
    this.recall = recall;
  }

  double[] stats() {
    int last = params.maxDets()[params.maxDets().length - 1];
    return new double[] {
      ap(null, "all", last),
      ap(0.5, "all", last),
      ap(0.75, "all", last),
      ap(null, "small", last),
      ap(null, "medium", last),
      ap(null, "large", last),
      ar(params.maxDets()[0], "all"),
      ar(params.maxDets()[1], "all"),
      ar(last, "all"),
      ar(last, "small"),
      ar(last, "medium"),
      ar(last, "large"),
    };
  }

  /** Mean precision over the selected IoUs (in C order: IoU, recall, category), -1 if none. */
  private double ap(Double iouThr, String area, int maxDets) {
    int a = params.areaIndex(area);
    int m = params.maxDetsIndex(maxDets);
    double[] values = new double[precision.length * params.recThrs().length * categories()];
    int n = 0;
    for (int t = 0; t < precision.length; t++) {
      if (iouThr != null && params.iouThrs()[t] != iouThr) {
        continue;
      }
      for (double[][][] byCategory : precision[t]) {
        for (double[][] byArea : byCategory) {
          double v = byArea[a][m];
          if (v > -1) {
            values[n++] = v;
          }
        }
      }
    }
    return n == 0 ? -1 : NumpyMath.mean(values, n);
  }

  private double ar(int maxDets, String area) {
    int a = params.areaIndex(area);
    int m = params.maxDetsIndex(maxDets);
    double[] values = new double[recall.length * categories()];
    int n = 0;
    for (double[][][] byCategory : recall) {
      for (double[][] byArea : byCategory) {
        double v = byArea[a][m];
        if (v > -1) {
          values[n++] = v;
        }
      }
    }
    return n == 0 ? -1 : NumpyMath.mean(values, n);
  }

  private int categories() {
    return recall.length == 0 ? 0 : recall[0].length;
  }

  /** The lines pycocotools prints, {@code ' {:<18} {} @[ IoU={:<9} | area={:>6s} | ...'}. */
  static String format(CocoParams params, double[] stats) {
    if (stats.length != STATS) {
      throw new IllegalArgumentException("expected 12 stats, got " + stats.length);
    }
    double[] iou = params.iouThrs();
    String all = fixed(iou[0], 2) + ":" + fixed(iou[iou.length - 1], 2);
    int[] md = params.maxDets();
    int last = md[md.length - 1];
    String[] ious = {all, "0.50", "0.75", all, all, all, all, all, all, all, all, all};
    String[] areas = {
      "all", "all", "all", "small", "medium", "large", "all", "all", "all", "small", "medium",
      "large"
    };
    int[] dets = {last, last, last, last, last, last, md[0], md[1], last, last, last, last};
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < STATS; i++) {
      boolean ap = i < 6;
      out.append(
          String.format(
              " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %s\n",
              ap ? "Average Precision" : "Average Recall",
              ap ? "(AP)" : "(AR)",
              ious[i],
              areas[i],
              dets[i],
              fixed(stats[i], 3)));
    }
    return out.toString();
  }

  /** Python's {@code '{:0.Nf}'}: the exact binary value rounded half-even. */
  static String fixed(double value, int digits) {
    return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }
}

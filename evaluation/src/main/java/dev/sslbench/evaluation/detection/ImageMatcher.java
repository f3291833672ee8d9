package dev.sslbench.evaluation.detection;

import java.util.List;

/** pycocotools' {@code evaluateImg}: greedy matching of one image and category at every IoU. */
final class ImageMatcher {
  private final double[] iouThrs;

  ImageMatcher(double[] iouThrs) {
    this.iouThrs = iouThrs;
  }

  /**
   * Matches detections (already sorted by score and cut to the largest maxDets) to ground truth
   * within one area range; {@code ious[d][g]} is indexed by the ground truth's input position.
   */
  ImageEvaluation match(
      List<GroundTruth> truths, List<Detection> detections, double[][] ious, double[] range) {
    int g = truths.size();
    int d = detections.size();
    int t = iouThrs.length;
    boolean[] ignoreByInput = new boolean[g];
    for (int j = 0; j < g; j++) {
      GroundTruth gt = truths.get(j);
      ignoreByInput[j] = gt.crowd() || gt.area() < range[0] || gt.area() > range[1];
    }
    // Ignored ground truth goes last (a stable partition, as argsort kind='mergesort' does).
    int[] order = new int[g];
    int next = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (int j = 0; j < g; j++) {
        if (ignoreByInput[j] == (pass == 1)) {
          order[next++] = j;
        }
      }
    }
    boolean[] gtIgnore = new boolean[g];
    boolean[] crowd = new boolean[g];
    long[] gtIds = new long[g];
    for (int j = 0; j < g; j++) {
      gtIgnore[j] = ignoreByInput[order[j]];
      crowd[j] = truths.get(order[j]).crowd();
      gtIds[j] = truths.get(order[j]).id();
    }
    long[][] gtMatches = new long[t][g];
    long[][] dtMatches = new long[t][d];
    boolean[][] dtIgnore = new boolean[t][d];
    if (g > 0 && d > 0) {
      for (int ti = 0; ti < t; ti++) {
        for (int di = 0; di < d; di++) {
          double best = Math.min(iouThrs[ti], 1 - 1e-10);
          int m = -1;
          for (int gi = 0; gi < g; gi++) {
            // A matched regular ground truth is taken; a crowd one can absorb more detections.
            if (gtMatches[ti][gi] > 0 && !crowd[gi]) {
              continue;
            }
            // Once matched to a regular ground truth, the ignored ones (sorted last) cannot win.
            if (m > -1 && !gtIgnore[m] && gtIgnore[gi]) {
              break;
            }
            double iou = ious[di][order[gi]];
            if (iou < best) {
              continue;
            }
            best = iou;
            m = gi;
          }
          if (m == -1) {
            continue;
          }
          dtIgnore[ti][di] = gtIgnore[m];
          dtMatches[ti][di] = gtIds[m];
          gtMatches[ti][m] = detections.get(di).id();
        }
      }
    }
    double[] scores = new double[d];
    for (int di = 0; di < d; di++) {
      Detection det = detections.get(di);
      scores[di] = det.score();
      double area = det.box().area();
      boolean outside = area < range[0] || area > range[1];
      for (int ti = 0; ti < t; ti++) {
        // pycocotools tests "matched" as a nonzero ground-truth id; mirrored on purpose.
        if (dtMatches[ti][di] == 0 && outside) {
          dtIgnore[ti][di] = true;
        }
      }
    }
    return new ImageEvaluation(scores, dtMatches, dtIgnore, gtIgnore);
  }
}

package dev.sslbench.evaluation.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * COCO bbox evaluation with pycocotools' {@code COCOeval} semantics, in its three phases: {@link
 * #evaluate()} matches per image and category, {@link #accumulate()} builds the precision and
 * recall arrays, {@link #summarize()} reduces them to the 12 standard numbers.
 */
public final class CocoEvaluator {
  private final CocoDataset groundTruth;
  private final CocoResults results;
  private final CocoParams params;

  /** {@code evalImgs[k][a][i]}, null where image i has neither ground truth nor detections. */
  private ImageEvaluation[][][] evalImgs;
  /** {@code [T][R][K][A][M]}, -1 where a category has no non-ignored ground truth. */
  private double[][][][][] precision;
  /** {@code [T][K][A][M]}. */
  private double[][][][] recall;
  private double[] stats;

  public CocoEvaluator(CocoDataset groundTruth, CocoResults results, CocoParams params) {
    this.groundTruth = groundTruth;
    this.results = results;
    this.params = params;
  }

  public CocoEvaluator(CocoDataset groundTruth, CocoResults results) {
    this(groundTruth, results, CocoParams.defaults());
  }

  /** Runs the three phases and returns the 12 stats. */
  public double[] run() {
    evaluate();
    accumulate();
    summarize();
    return stats();
  }

  /** Matches detections to ground truth for every category, area range and image. */
  public void evaluate() {
    long[] imageIds = groundTruth.imageIds();
    long[] categoryIds = groundTruth.categoryIds();
    int images = imageIds.length;
    int cells = categoryIds.length * images;
    List<List<GroundTruth>> truths = new ArrayList<>(cells);
    List<List<Detection>> detections = new ArrayList<>(cells);
    for (int c = 0; c < cells; c++) {
      truths.add(null);
      detections.add(null);
    }
    for (GroundTruth gt : groundTruth.annotations()) {
      cellOf(truths, cell(gt.imageId(), gt.categoryId())).add(gt);
    }
    for (Detection dt : results.detections()) {
      cellOf(detections, cell(dt.imageId(), dt.categoryId())).add(dt);
    }
    int maxDet = params.maxDets()[params.maxDets().length - 1];
    ImageMatcher matcher = new ImageMatcher(params.iouThrs());
    double[][] ranges = params.areaRanges();
    evalImgs = new ImageEvaluation[categoryIds.length][ranges.length][images];
    for (int k = 0; k < categoryIds.length; k++) {
      for (int i = 0; i < images; i++) {
        List<GroundTruth> gts = orEmpty(truths.get(k * images + i));
        List<Detection> dts = topByScore(orEmpty(detections.get(k * images + i)), maxDet);
        if (gts.isEmpty() && dts.isEmpty()) {
          continue;
        }
        double[][] ious = BoxIou.compute(dts, gts);
        for (int a = 0; a < ranges.length; a++) {
          evalImgs[k][a][i] = matcher.match(gts, dts, ious, ranges[a]);
        }
      }
    }
  }

  /** Precision at every recall threshold and maximum recall, per IoU, category, area and maxDets. */
  public void accumulate() {
    if (evalImgs == null) {
      throw new IllegalStateException("evaluate() must run before accumulate()");
    }
    int t = params.iouThrs().length;
    int r = params.recThrs().length;
    int k = groundTruth.categoryIds().length;
    int a = params.areaRanges().length;
    int m = params.maxDets().length;
    precision = new double[t][r][k][a][m];
    recall = new double[t][k][a][m];
    for (double[][][][] byRecall : precision) {
      for (double[][][] byCategory : byRecall) {
        for (double[][] byArea : byCategory) {
          for (double[] values : byArea) {
            Arrays.fill(values, -1);
          }
        }
      }
    }
    for (double[][][] byCategory : recall) {
      for (double[][] byArea : byCategory) {
        for (double[] values : byArea) {
          Arrays.fill(values, -1);
        }
      }
    }
    for (int ki = 0; ki < k; ki++) {
      for (int ai = 0; ai < a; ai++) {
        for (int mi = 0; mi < m; mi++) {
          accumulateOne(ki, ai, mi);
        }
      }
    }
  }

  private void accumulateOne(int k, int a, int m) {
    int maxDet = params.maxDets()[m];
    List<ImageEvaluation> evals = new ArrayList<>();
    int total = 0;
    int npig = 0;
    for (ImageEvaluation e : evalImgs[k][a]) {
      if (e != null) {
        evals.add(e);
        total += Math.min(maxDet, e.dtScores().length);
        for (boolean ignored : e.gtIgnore()) {
          npig += ignored ? 0 : 1;
        }
      }
    }
    if (evals.isEmpty() || npig == 0) {
      return;
    }
    int t = params.iouThrs().length;
    double[] scores = new double[total];
    long[][] matches = new long[t][total];
    boolean[][] ignores = new boolean[t][total];
    int at = 0;
    for (ImageEvaluation e : evals) {
      int n = Math.min(maxDet, e.dtScores().length);
      System.arraycopy(e.dtScores(), 0, scores, at, n);
      for (int ti = 0; ti < t; ti++) {
        System.arraycopy(e.dtMatches()[ti], 0, matches[ti], at, n);
        System.arraycopy(e.dtIgnore()[ti], 0, ignores[ti], at, n);
      }
      at += n;
    }
    int[] order = NumpyMath.argsortDescending(scores, total);
    double[] recThrs = params.recThrs();
    double[] rc = new double[total];
    double[] pr = new double[total];
    for (int ti = 0; ti < t; ti++) {
      double tp = 0;
      double fp = 0;
      for (int j = 0; j < total; j++) {
        int d = order[j];
        if (!ignores[ti][d]) {
          if (matches[ti][d] != 0) {
            tp++;
          } else {
            fp++;
          }
        }
        rc[j] = tp / npig;
        pr[j] = tp / (fp + tp + NumpyMath.SPACING_1);
      }
      recall[ti][k][a][m] = total > 0 ? rc[total - 1] : 0;
      // The precision envelope: non-increasing from the right.
      for (int j = total - 1; j > 0; j--) {
        if (pr[j] > pr[j - 1]) {
          pr[j - 1] = pr[j];
        }
      }
      for (int ri = 0; ri < recThrs.length; ri++) {
        int pi = NumpyMath.searchSortedLeft(rc, total, recThrs[ri]);
        // Beyond the highest recall reached, precision stays 0 (and so do later thresholds).
        precision[ti][ri][k][a][m] = pi < total ? pr[pi] : 0;
      }
    }
  }

  /** The 12 stats: AP, AP50, AP75, AP S/M/L, AR@1, AR@10, AR@100, AR S/M/L. */
  public void summarize() {
    if (precision == null) {
      throw new IllegalStateException("accumulate() must run before summarize()");
    }
    stats = new CocoSummary(params, precision, recall).stats();
  }

  /** The 12 stats of {@link #summarize()}, in pycocotools' order. */
  public double[] stats() {
    if (stats == null) {
      throw new IllegalStateException("summarize() must run before stats()");
    }
    return stats.clone();
  }

  /** The 12 stats in pycocotools' printed layout, one line each. */
  public String summary() {
    stats();
    return CocoSummary.format(params, stats);
  }

  /** {@code [T][R][K][A][M]} precision after {@link #accumulate()}. */
  public double[][][][][] precision() {
    return precision;
  }

  /** {@code [T][K][A][M]} recall after {@link #accumulate()}. */
  public double[][][][] recall() {
    return recall;
  }

  private int cell(long imageId, long categoryId) {
    int i = Arrays.binarySearch(groundTruth.imageIds(), imageId);
    int k = Arrays.binarySearch(groundTruth.categoryIds(), categoryId);
    if (i < 0 || k < 0) {
      throw new IllegalArgumentException(
          "image " + imageId + " / category " + categoryId + " is not in the ground truth");
    }
    return k * groundTruth.imageIds().length + i;
  }

  private static <T> List<T> cellOf(List<List<T>> cells, int index) {
    List<T> cell = cells.get(index);
    if (cell == null) {
      cell = new ArrayList<>();
      cells.set(index, cell);
    }
    return cell;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** Stable sort by descending score ({@code -0.0} ties {@code 0.0}, as in numpy), then cut. */
  private static List<Detection> topByScore(List<Detection> detections, int maxDet) {
    List<Detection> sorted = new ArrayList<>(detections);
    sorted.sort(
        Comparator.comparing(
            Detection::score, (p, q) -> p > q ? -1 : (p < q ? 1 : 0)));
    return sorted.size() > maxDet ? sorted.subList(0, maxDet) : sorted;
  }
}

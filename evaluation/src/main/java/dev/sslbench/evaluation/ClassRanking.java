package dev.sslbench.evaluation;

/**
 * Top-1 / top-5 bookkeeping over per-class scores. Ties go to the lower class index, so results
 * never depend on sort stability.
 */
final class ClassRanking {
  private long top1;
  private long top5;
  private long rows;

  /** The highest-scoring class (lowest index among equals). */
  static int argmax(double[] scores) {
    int best = 0;
    for (int c = 1; c < scores.length; c++) {
      if (scores[c] > scores[best]) {
        best = c;
      }
    }
    return best;
  }

  /** 0-based rank of {@code target}: classes scoring higher, plus equals with a lower index. */
  static int rank(double[] scores, int target) {
    double s = target < scores.length ? scores[target] : Double.NEGATIVE_INFINITY;
    int rank = 0;
    for (int c = 0; c < scores.length; c++) {
      if (scores[c] > s || (scores[c] == s && c < target)) {
        rank++;
      }
    }
    return rank;
  }

  void add(double[] scores, int target) {
    int r = rank(scores, target);
    top1 += r < 1 ? 1 : 0;
    top5 += r < 5 ? 1 : 0;
    rows++;
  }

  double top1() {
    return rows == 0 ? 0 : (double) top1 / rows;
  }

  double top5() {
    return rows == 0 ? 0 : (double) top5 / rows;
  }
}

package dev.sslbench.evaluation.detection;

import java.util.Arrays;
import java.util.Comparator;

/** The few numpy operations pycocotools relies on, reproduced to the last bit. */
final class NumpyMath {
  /** {@code np.spacing(1)}, the epsilon in pycocotools' precision denominator. */
  static final double SPACING_1 = Math.ulp(1.0);

  /** numpy reduces contiguous float64 arrays in buffers of this many elements. */
  private static final int BUFFER_SIZE = 8192;

  private static final int BLOCK_SIZE = 128;

  private NumpyMath() {}

  /** {@code np.mean} of a 1-D float64 array: buffered pairwise summation, then one division. */
  static double mean(double[] values, int count) {
    double sum = 0.0;
    for (int start = 0; start < count; start += BUFFER_SIZE) {
      sum += pairwiseSum(values, start, Math.min(BUFFER_SIZE, count - start));
    }
    return sum / count;
  }

  /** numpy's {@code pairwise_sum_DOUBLE}: 8 accumulators up to 128 elements, halves above. */
  static double pairwiseSum(double[] a, int offset, int n) {
    if (n < 8) {
      double res = 0.0;
      for (int i = 0; i < n; i++) {
        res += a[offset + i];
      }
      return res;
    }
    if (n <= BLOCK_SIZE) {
      double[] r = Arrays.copyOfRange(a, offset, offset + 8);
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        for (int j = 0; j < 8; j++) {
          r[j] += a[offset + i + j];
        }
      }
      double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) {
        res += a[offset + i];
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return pairwiseSum(a, offset, n2) + pairwiseSum(a, offset + n2, n - n2);
  }

  /** {@code np.searchsorted(sorted, x, side='left')}: the first index whose value is not below x. */
  static int searchSortedLeft(double[] sorted, int length, double x) {
    int lo = 0;
    int hi = length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * {@code np.argsort(-scores, kind='mergesort')}: indices by descending score, ties in input
   * order. Compares with {@code <} as numpy does, so {@code -0.0} and {@code 0.0} tie (unlike
   * {@link Double#compare}).
   */
  static int[] argsortDescending(double[] scores, int length) {
    Integer[] order = new Integer[length];
    for (int i = 0; i < length; i++) {
      order[i] = i;
    }
    Comparator<Integer> byScore =
        (p, q) -> scores[p] > scores[q] ? -1 : (scores[p] < scores[q] ? 1 : 0);
    Arrays.sort(order, byScore); // TimSort: stable, like numpy's mergesort
    int[] result = new int[length];
    for (int i = 0; i < length; i++) {
      result[i] = order[i];
    }
    return result;
  }
}

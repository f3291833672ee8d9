package dev.sslbench.pipelines.transforms;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Exact per-channel sums of uint8 pixel values and of their squares. Integer sums make the
 * result independent of the order in which images are combined, hence of the parallelism.
 *
 * @param values pixel values counted per channel (images x height x width)
 */
public record ChannelStats(long values, long[] sum, long[] sumSquares) implements Serializable {

  /** Per-channel mean on the [0, 1] pixel scale. */
  public double[] mean() {
    double[] m = new double[sum.length];
    for (int c = 0; c < m.length; c++) {
      m[c] = values == 0 ? 0 : sum[c] / (double) values / 255.0;
    }
    return m;
  }

  /** Per-channel population standard deviation on the [0, 1] pixel scale. */
  public double[] std() {
    double[] s = new double[sum.length];
    if (values == 0) {
      return s;
    }
    BigInteger n = BigInteger.valueOf(values);
    for (int c = 0; c < s.length; c++) {
      // n * sumSq - sum^2 = n^2 var, exactly; it overflows a long on full datasets.
      BigInteger num = n.multiply(BigInteger.valueOf(sumSquares[c]))
          .subtract(BigInteger.valueOf(sum[c]).pow(2));
      double variance = num.doubleValue() / ((double) values * values);
      s[c] = Math.sqrt(Math.max(0, variance)) / 255.0;
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelStats s
        && values == s.values
        && Arrays.equals(sum, s.sum)
        && Arrays.equals(sumSquares, s.sumSquares);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(values) + Arrays.hashCode(sum)) + Arrays.hashCode(sumSquares);
  }

  @Override
  public String toString() {
    return "ChannelStats[values=" + values + ", sum=" + Arrays.toString(sum) + ", sumSquares="
        + Arrays.toString(sumSquares) + "]";
  }
}

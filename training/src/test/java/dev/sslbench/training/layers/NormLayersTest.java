package dev.sslbench.training.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class NormLayersTest {

  /** Mean and biased variance of each row of a (rows, n) array. */
  private static double[][] rowMoments(float[] v, int rows) {
    int n = v.length / rows;
    double[][] out = new double[rows][2];
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += v[r * n + i];
      }
      double mean = sum / n;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        sq += (v[r * n + i] - mean) * (v[r * n + i] - mean);
      }
      out[r][0] = mean;
      out[r][1] = sq / n;
    }
    return out;
  }

  @Test
  void groupNormStandardisesEachSampleAndGroup() {
    try (NDManager m = NDManager.newBaseManager()) {
      // 2 samples, 8 channels in 4 groups of 2, 3x3 maps; per-channel offsets and scales that a
      // per-group normalisation must remove.
      NDArray x = m.randomNormal(new Shape(2, 8, 3, 3))
          .mul(m.arange(1f, 9f).reshape(1, 8, 1, 1))
          .add(m.arange(8f).reshape(1, 8, 1, 1).mul(3));
      float[] y = GroupNorm.normalize(x, 4, 1e-5f).toFloatArray();
      double[][] moments = rowMoments(y, 2 * 4);
      for (double[] g : moments) {
        assertEquals(0, g[0], 1e-5);
        assertEquals(1, g[1], 1e-3);
      }
    }
  }

  @Test
  void groupNormBlockAppliesAPerChannelAffineAndLearnsIt() {
    try (NDManager m = NDManager.newBaseManager()) {
      GroupNorm gn = new GroupNorm(4, 2, 1e-5f);
      gn.initialize(m, DataType.FLOAT32, new Shape(1, 4, 5, 5));
      Parameter gamma = gn.getParameters().get("gamma");
      Parameter beta = gn.getParameters().get("beta");
      gamma.getArray().set(new float[] {1, 2, 3, 4});
      beta.getArray().set(new float[] {0, 10, 20, 30});
      NDArray x = m.randomNormal(new Shape(3, 4, 5, 5));
      NDArray y;
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        y = gn.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
        c.backward(y.mul(y).sum());
      }
      NDArray expected = GroupNorm.normalize(x, 2, 1e-5f)
          .mul(m.create(new float[] {1, 2, 3, 4}).reshape(1, 4, 1, 1))
          .add(m.create(new float[] {0, 10, 20, 30}).reshape(1, 4, 1, 1));
      assertArrayEquals(expected.toFloatArray(), y.toFloatArray(), 1e-4f);
      assertTrue(gamma.getArray().getGradient().abs().sum().getFloat() > 0);
      assertTrue(beta.getArray().getGradient().abs().sum().getFloat() > 0);
    }
  }

  @Test
  void groupCountIs32OrFewerWithTwoChannelsPerGroupAtLeast() {
    assertEquals(32, GroupNorm.groupsFor(64));
    assertEquals(32, GroupNorm.groupsFor(512));
    assertEquals(16, GroupNorm.groupsFor(32));
    assertEquals(4, GroupNorm.groupsFor(8));
    assertEquals(5, GroupNorm.groupsFor(10));
    assertEquals(1, GroupNorm.groupsFor(1));
    assertEquals(3, GroupNorm.groupsFor(6));
    assertThrows(IllegalArgumentException.class, () -> new GroupNorm(6, 4, 1e-5f));
  }

  @Test
  void weightStandardisationGivesEveryFilterMeanZeroVarianceOne() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.randomNormal(new Shape(6, 3, 3, 3)).mul(0.1).add(m.arange(6f).reshape(6, 1, 1, 1));
      double[][] moments = rowMoments(WsConv2d.standardize(w).toFloatArray(), 6);
      for (double[] f : moments) {
        assertEquals(0, f[0], 1e-5);
        assertEquals(1, f[1], 2e-3);
      }
    }
  }

  @Test
  void wsConvConvolvesWithTheStandardisedWeightAndGradientsFlowThroughIt() {
    try (NDManager m = NDManager.newBaseManager()) {
      WsConv2d conv = new WsConv2d(4, 3, 2, 1);
      conv.initialize(m, DataType.FLOAT32, new Shape(1, 2, 8, 8));
      Parameter weight = conv.getParameters().get("weight");
      assertEquals(new Shape(4, 2, 3, 3), weight.getArray().getShape());
      NDArray x = m.randomNormal(new Shape(2, 2, 8, 8));
      NDArray y;
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        y = conv.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
        c.backward(y.sum());
      }
      assertEquals(new Shape(2, 4, 4, 4), y.getShape());
      assertEquals(y.getShape(), conv.getOutputShapes(new Shape[] {x.getShape()})[0]);
      NDArray expected = ai.djl.nn.convolutional.Conv2d.conv2d(
          x, WsConv2d.standardize(weight.getArray()), null, new Shape(2, 2), new Shape(1, 1), new Shape(1, 1), 1)
          .singletonOrThrow();
      assertArrayEquals(expected.toFloatArray(), y.toFloatArray(), 1e-4f);
      // A plain convolution's weight gradient for sum(y) is the same for every filter; through
      // the standardisation each filter's gradient sums to 0 (the mean is subtracted).
      float[] g = weight.getArray().getGradient().toFloatArray();
      for (double[] f : rowMoments(g, 4)) {
        assertEquals(0, f[0], 1e-4);
      }
      assertTrue(weight.getArray().getGradient().abs().sum().getFloat() > 0);
    }
  }
}

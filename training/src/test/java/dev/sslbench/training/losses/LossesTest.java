package dev.sslbench.training.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LossesTest {
  private static final double EPS = 1e-6;
  private NDManager m;

  @BeforeEach
  void setUp() {
    m = NDManager.newBaseManager();
  }

  @AfterEach
  void tearDown() {
    m.close();
  }

  private NDArray rows(float[][] v) {
    float[] flat = new float[v.length * v[0].length];
    for (int i = 0; i < v.length; i++) {
      System.arraycopy(v[i], 0, flat, i * v[0].length, v[0].length);
    }
    return m.create(flat, new Shape(v.length, v[0].length));
  }

  @Test
  void byolDirectionMatchesHandValues() {
    // Row 0: p = (1, 0), z = (1, 0): cos = 1.
    // Row 1: p = (0, 1), z = (1, 1): cos = 1 / sqrt(2) = 0.70710678.
    // mean cos = (1 + 0.70710678) / 2 = 0.85355339; loss = 2 - 2 * 0.85355339 = 0.29289322.
    NDArray p = rows(new float[][] {{1, 0}, {0, 1}});
    NDArray z = rows(new float[][] {{1, 0}, {1, 1}});
    assertEquals(0.29289322, ByolLoss.direction(p, z).getFloat(), EPS);
  }

  @Test
  void byolIsScaleInvariantAndSymmetricSumsBothDirections() {
    // p1 = (3, 4), z2 = (4, 3): cos = 24 / 25 = 0.96, direction loss 2 - 1.92 = 0.08.
    // p2 = (1, 0), z1 = (-1, 0): cos = -1, direction loss 2 + 2 = 4. Sum: 4.08.
    NDArray p1 = rows(new float[][] {{3, 4}});
    NDArray z2 = rows(new float[][] {{4, 3}});
    NDArray p2 = rows(new float[][] {{1, 0}});
    NDArray z1 = rows(new float[][] {{-1, 0}});
    assertEquals(0.08, ByolLoss.direction(p1, z2).getFloat(), EPS);
    assertEquals(4.08, ByolLoss.symmetric(p1, p2, z1, z2).getFloat(), 1e-5);
  }

  @Test
  void simSiamMatchesHandValues() {
    // cos(p1, z2) = cos((1, 0), (0, 1)) = 0; cos(p2, z1) = cos((1, 1), (1, 0)) = 0.70710678.
    // L = -1/2 (0 + 0.70710678) = -0.35355339.
    NDArray p1 = rows(new float[][] {{1, 0}});
    NDArray z2 = rows(new float[][] {{0, 1}});
    NDArray p2 = rows(new float[][] {{1, 1}});
    NDArray z1 = rows(new float[][] {{1, 0}});
    assertEquals(-0.35355339, SimSiamLoss.loss(p1, p2, z1, z2).getFloat(), EPS);
    // Identical predictions and targets reach the minimum -1.
    assertEquals(-1.0, SimSiamLoss.loss(p1, p1, p1, p1).getFloat(), EPS);
  }

  @Test
  void zStdMatchesHandValuesAndDetectsCollapse() {
    // N(z) = z for the rows (1, 0) and (0, 1). Each dimension holds {1, 0}: mean 0.5, unbiased
    // variance (0.25 + 0.25) / 1 = 0.5, std 0.70710678; averaged over the two dims: 0.70710678.
    assertEquals(0.70710678, CollapseMonitor.zStd(rows(new float[][] {{1, 0}, {0, 1}})), EPS);
    // Rows that differ only in length normalise to the same point: collapsed, std 0.
    assertEquals(0.0, CollapseMonitor.zStd(rows(new float[][] {{2, 2}, {3, 3}, {0.5f, 0.5f}})), EPS);
    assertThrows(IllegalArgumentException.class, () -> CollapseMonitor.zStd(rows(new float[][] {{1, 2}})));
  }

  @Test
  void zStdOfIsotropicEmbeddingsIsAboutOneOverSqrtDim() {
    Engine.getInstance().setRandomSeed(3);
    int d = 64;
    double zStd = CollapseMonitor.zStd(m.randomNormal(new Shape(2048, d)));
    assertEquals(1 / Math.sqrt(d), zStd, 0.05 / Math.sqrt(d));
  }

  @Test
  void byolStopGradientBlocksTheTargetBranch() {
    assertTargetGetsNoGradient(ByolLoss::direction);
  }

  @Test
  void simSiamStopGradientBlocksBothTargetBranches() {
    // z2 is view 1's target, z1 view 2's; p2 and z1 are held fixed so only (p1, z2) matter here.
    assertTargetGetsNoGradient(
        (p, z) -> SimSiamLoss.loss(p, p.stopGradient(), z, z));
  }

  @Test
  void withoutStopGradientTheTargetWouldGetGradient() {
    // Control for the two tests above: the same cosine without the stop-gradient reaches z.
    float[] zGrad = gradients((p, z) -> Vectors.cosine(p, z).mean().mul(-1f))[1];
    assertTrue(maxAbs(zGrad) > 1e-3, "control cosine must give z a gradient");
  }

  private void assertTargetGetsNoGradient(BiFunction<NDArray, NDArray, NDArray> loss) {
    float[][] g = gradients(loss);
    assertTrue(maxAbs(g[0]) > 1e-3, "the prediction branch must get a gradient");
    assertArrayEquals(new float[g[1].length], g[1], "the stop-gradient branch got a gradient");
  }

  /** Gradients of {@code loss(p, z) + 0 * sum(z)} w.r.t. p and z; the extra term defines z's gradient. */
  private float[][] gradients(BiFunction<NDArray, NDArray, NDArray> loss) {
    NDArray p = rows(new float[][] {{0.3f, -1.2f, 0.5f}, {1.1f, 0.4f, -0.7f}});
    NDArray z = rows(new float[][] {{0.9f, 0.1f, -0.4f}, {-0.2f, 0.8f, 0.6f}});
    p.setRequiresGradient(true);
    z.setRequiresGradient(true);
    try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
      NDArray l = loss.apply(p, z).add(z.sum().mul(0f));
      c.backward(l);
    }
    return new float[][] {p.getGradient().toFloatArray(), z.getGradient().toFloatArray()};
  }

  private static double maxAbs(float[] v) {
    double max = 0;
    for (float x : v) {
      max = Math.max(max, Math.abs(x));
    }
    return max;
  }
}

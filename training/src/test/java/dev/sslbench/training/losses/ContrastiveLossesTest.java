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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SimCLR, MoCo, Barlow Twins and SwAV losses. Expected numbers marked "reference" come from
 * {@code src/test/resources/ssl_losses_reference.py} (double precision, straight from the
 * definitions), run once; the inputs here are the script's.
 */
class ContrastiveLossesTest {
  private static final float[][] Z1 = {{1, 2, 0}, {3, -1, 0.5f}, {-0.5f, 0.2f, 1}};
  private static final float[][] Z2 = {{0.5f, 1, 0.1f}, {-2, 1, 0.3f}, {0.4f, -0.3f, 0.9f}};
  private static final float[][] S1 = {{0.9f, 0.1f, -0.2f, 0.3f}, {0.2f, 0.8f, 0.1f, -0.5f}, {0, 0.3f, 0.7f, 0.1f}};
  private static final float[][] S2 = {{0.7f, 0.2f, 0, 0.1f}, {0.1f, 0.9f, -0.3f, 0.2f}, {-0.1f, 0.2f, 0.6f, 0.5f}};

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
  void ntXentMatchesTheReference() {
    assertEquals(1.7497114831009857, NtXentLoss.loss(rows(Z1), rows(Z2), 0.5).getFloat(), 1e-5);
    assertEquals(5.435514244995958, NtXentLoss.loss(rows(Z1), rows(Z2), 0.1).getFloat(), 1e-4);
  }

  @Test
  void ntXentOfIdenticalViewsWithOrthogonalNegativesHasItsClosedForm() {
    // Each anchor's positive is its copy (cos 1); the other 2B - 2 projections are orthogonal
    // (cos 0), so every anchor's loss is -log(e^{1/T} / (e^{1/T} + 2B - 2)) = log(1 + (2B-2) e^{-1/T}).
    // The rows have different lengths: only directions count.
    float[][] z = {{2, 0, 0, 0}, {0, 0.5f, 0, 0}, {0, 0, 3, 0}};
    int b = z.length;
    for (double t : new double[] {0.5, 0.2, 1.0}) {
      double expected = Math.log(1 + (2 * b - 2) * Math.exp(-1 / t));
      assertEquals(expected, NtXentLoss.loss(rows(z), rows(z), t).getFloat(), 1e-5, "T = " + t);
    }
  }

  @Test
  void ntXentRejectsMismatchedViews() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NtXentLoss.loss(rows(Z1), rows(S1), 0.5));
    assertTrue(e.getMessage().contains("(3, 3)") && e.getMessage().contains("(3, 4)"), e.getMessage());
  }

  @Test
  void infoNceMatchesTheReferenceAndLeavesKeysAndQueueWithoutGradient() {
    NDArray q = rows(new float[][] {{2, 0}, {3, 4}});
    NDArray k = rows(new float[][] {{0.8f, 0.6f}, {0, 2}});
    NDArray queue = rows(new float[][] {{1, 0}, {0, -1}, {0.6f, -0.8f}});
    q.setRequiresGradient(true);
    k.setRequiresGradient(true);
    queue.setRequiresGradient(true);
    NDArray loss;
    try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
      loss = InfoNceLoss.loss(q, k, queue, 0.2);
      c.backward(loss.add(k.sum().mul(0f)).add(queue.sum().mul(0f)));
    }
    assertEquals(0.8644404231347531, loss.getFloat(), 1e-5);
    assertTrue(maxAbs(q.getGradient().toFloatArray()) > 1e-3, "queries must get a gradient");
    assertArrayEquals(new float[4], k.getGradient().toFloatArray());
    assertArrayEquals(new float[6], queue.getGradient().toFloatArray());
  }

  @Test
  void barlowMatchesTheReference() {
    NDArray b1 = rows(new float[][] {{1, 2, 0}, {3, -1, 0.5f}, {-0.5f, 0.2f, 1}, {0, 1.5f, -2}});
    NDArray b2 = rows(new float[][] {{0.5f, 1, 0.1f}, {-2, 1, 0.3f}, {0.4f, -0.3f, 0.9f}, {1, 0, -1}});
    assertEquals(4.778778906014304, BarlowTwinsLoss.loss(b1, b2, 0.0051, 1.0).getFloat(), 1e-4);
    assertEquals(0.5758788050169387, BarlowTwinsLoss.loss(b1, b2, 0.5, 0.1).getFloat(), 1e-5);
  }

  @Test
  void barlowIsZeroAtTheIdentityCorrelation() {
    // Columns (1, 1, -1, -1) and (1, -1, 1, -1), shifted and scaled: after standardisation they are
    // unit-variance and uncorrelated, so with z1 = z2 the correlation is I up to the BN epsilon
    // (c_ii = 1 / (1 + 1e-5 / var)).
    float[][] z = {{5, 1}, {5, -3}, {1, 1}, {1, -3}};
    NDArray c = BarlowTwinsLoss.crossCorrelation(rows(z), rows(z));
    assertArrayEquals(new float[] {1, 0, 0, 1}, c.toFloatArray(), 1e-5f);
    assertEquals(0.0, BarlowTwinsLoss.loss(rows(z), rows(z), 0.0051, 1.0).getFloat(), 1e-8);
    // Swapping a view's features makes c the anti-identity: on-diagonal sum 2, off-diagonal 2 lambda.
    float[][] swapped = {{1, 5}, {-3, 5}, {1, 1}, {-3, 1}};
    assertEquals(2 + 2 * 0.0051, BarlowTwinsLoss.loss(rows(z), rows(swapped), 0.0051, 1.0).getFloat(), 1e-4);
  }

  @Test
  void sinkhornMatchesTheReference() {
    float[][] expected = {
      {0.516382892f, 1.1e-07f, 2e-09f, 0.483616996f},
      {3.24e-06f, 0.999989878f, 6.471e-06f, 4.11e-07f},
      {5.3e-08f, 4.0532e-05f, 0.940292408f, 0.059667008f}
    };
    NDArray q = Sinkhorn.codes(rows(S1), 0.05, 3);
    assertEquals(new Shape(3, 4), q.getShape());
    float[] got = q.toFloatArray();
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 4; k++) {
        assertEquals(expected[i][k], got[i * 4 + k], 1e-5, "code [" + i + ", " + k + "]");
      }
    }
  }

  @Test
  void sinkhornCodesAreDoublyStochastic() {
    // Cosine-like scores of 16 samples against 8 prototypes at the default eps; once the
    // iterations converge every sample's codes sum to 1 and every prototype gets B / K = 2.
    Engine.getInstance().setRandomSeed(5);
    NDArray scores = m.randomUniform(-1, 1, new Shape(16, 8));
    NDArray q = Sinkhorn.codes(scores, 0.05, 200);
    float[] perSample = q.sum(new int[] {1}).toFloatArray();
    float[] perPrototype = q.sum(new int[] {0}).toFloatArray();
    for (float s : perSample) {
      assertEquals(1.0, s, 1e-4);
    }
    for (float s : perPrototype) {
      assertEquals(2.0, s, 1e-4);
    }
    assertTrue(q.min().getFloat() >= 0);
    // Three iterations normalise the samples exactly (the last step) and the prototypes roughly.
    float[] threeIterations = Sinkhorn.codes(scores, 0.05, 3).sum(new int[] {1}).toFloatArray();
    for (float s : threeIterations) {
      assertEquals(1.0, s, 1e-4);
    }
  }

  @Test
  void sinkhornCodesCarryNoGradient() {
    NDArray s = rows(S1);
    s.setRequiresGradient(true);
    try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
      NDArray q = Sinkhorn.codes(s, 0.05, 3);
      c.backward(q.mul(q).sum().add(s.sum().mul(0f)));
    }
    assertArrayEquals(new float[12], s.getGradient().toFloatArray());
  }

  @Test
  void swavMatchesTheReferenceAndIsLnKWhenCollapsed() {
    assertEquals(1.0740538092151881, SwavLoss.loss(rows(S1), rows(S2), 0.1, 0.05, 3).getFloat(), 1e-4);
    // Identical scores everywhere: uniform codes and uniform predictions, loss ln K.
    float[][] flat = {{0.3f, 0.3f, 0.3f, 0.3f}, {0.3f, 0.3f, 0.3f, 0.3f}};
    assertEquals(Math.log(4), SwavLoss.loss(rows(flat), rows(flat), 0.1, 0.05, 3).getFloat(), 1e-6);
  }

  private static double maxAbs(float[] v) {
    double max = 0;
    for (float x : v) {
      max = Math.max(max, Math.abs(x));
    }
    return max;
  }
}

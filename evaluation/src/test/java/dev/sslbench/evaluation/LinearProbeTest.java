package dev.sslbench.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sslbench.core.tracking.MetricSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearProbeTest {
  private static final FeatureSet TRAIN = SyntheticFeatures.clusters(10, 100, 20, 0.7, 11, 12);
  private static final FeatureSet TEST = SyntheticFeatures.clusters(10, 50, 20, 0.7, 11, 13);

  @Test
  void separableClustersAreLearnedWithAdam() {
    Recorder losses = new Recorder();
    LinearProbeOptions options =
        LinearProbeOptions.DEFAULTS.withEpochs(15).withBatchSize(64).withLearningRate(0.01);
    LinearResult result = new LinearProbe(options).evaluate(TRAIN, TEST, losses);

    assertTrue(result.top1() > 0.95, "top1 " + result.top1());
    assertTrue(result.top5() >= result.top1());
    assertEquals(15, result.epochs());
    assertEquals(15, losses.steps.size());
    for (int epoch = 1; epoch <= 15; epoch++) {
      assertEquals(epoch, losses.steps.get(epoch - 1));
    }
    assertEquals(result.finalTrainLoss(), losses.values.get(14), 0.0);
    // Zero weights start at ln(10) = 2.30; the first epoch's mean is already below it.
    assertTrue(losses.values.get(0) < Math.log(10));
    assertTrue(result.finalTrainLoss() < 0.5 * losses.values.get(0), losses.values.toString());
  }

  @Test
  void separableClustersAreLearnedWithSgd() {
    LinearProbeOptions options = LinearProbeOptions.SGD_DEFAULTS.withEpochs(15).withBatchSize(64);
    LinearResult result = new LinearProbe(options).evaluate(TRAIN, TEST, MetricSink.NONE);
    assertTrue(result.top1() > 0.95, "top1 " + result.top1());
    assertTrue(result.top5() >= result.top1());
  }

  @Test
  void randomLabelsStayNearChance() {
    FeatureSet train = SyntheticFeatures.noise(1000, 32, 10, 21);
    FeatureSet test = SyntheticFeatures.noise(2000, 32, 10, 22);
    LinearProbeOptions options =
        LinearProbeOptions.DEFAULTS.withEpochs(10).withBatchSize(100).withLearningRate(0.01);
    LinearResult result = new LinearProbe(options).evaluate(train, test, MetricSink.NONE);
    // Chance is 0.1 top-1 and 0.5 top-5; 2000 test rows put the standard error near 0.007 / 0.011.
    assertTrue(result.top1() > 0.05 && result.top1() < 0.15, "top1 " + result.top1());
    assertTrue(result.top5() > 0.42 && result.top5() < 0.58, "top5 " + result.top5());
    assertTrue(result.top5() >= result.top1());
  }

  @Test
  void sameSeedSameNumbers() {
    LinearProbeOptions options =
        LinearProbeOptions.DEFAULTS.withEpochs(3).withBatchSize(50).withLearningRate(0.01).withSeed(5);
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    LinearResult first = new LinearProbe(options).evaluate(TRAIN, TEST, a);
    LinearResult second = new LinearProbe(options).evaluate(TRAIN, TEST, b);
    assertEquals(first, second);
    assertEquals(a.values, b.values);
  }

  @Test
  void badInputIsNamed() {
    FeatureSet wide = new FeatureSet(new float[3], 1, 3, new int[] {0});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LinearProbe().evaluate(TRAIN, wide, MetricSink.NONE));
    assertEquals("train features have dim 20 but test features dim 3", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> LinearProbeOptions.DEFAULTS.withEpochs(0));
  }

  /** Keeps every logged point. */
  private static final class Recorder implements MetricSink {
    final List<Long> steps = new ArrayList<>();
    final List<Double> values = new ArrayList<>();

    @Override
    public void log(String key, double value, long step) {
      assertEquals(LinearProbe.TRAIN_LOSS, key);
      steps.add(step);
      values.add(value);
    }
  }
}

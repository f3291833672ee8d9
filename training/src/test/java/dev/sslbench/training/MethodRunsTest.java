package dev.sslbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sslbench.core.shard.ShardDataset;
import dev.sslbench.core.tracking.MetricSink;
import dev.sslbench.training.backbone.BackboneSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Few-step real runs of SimCLR, MoCo v2, Barlow Twins and SwAV on real Fashion-MNIST pairs. */
class MethodRunsTest {
  private static final BackboneSpec TINY = new BackboneSpec("custom", 8, new int[] {1, 1, 1, 1}, 1, "bn");
  private static final int STEPS = 6;

  @TempDir static Path shared;
  private static ShardDataset data;

  @TempDir Path out;

  @BeforeAll
  static void writeDataset() throws IOException {
    data = TestDatasets.fashionMnist(shared.resolve("fmnist"), 256, 1, 2, 7);
  }

  private Map<String, List<Double>> run(String method, UnaryOperator<PretrainOptions> tweak) throws IOException {
    PretrainOptions opts = tweak.apply(
        PretrainOptions.defaults(method, TINY)
            .withBatchSize(32)
            .withHeads(128, 64, 128, PretrainOptions.defaults(method, TINY).headNorm())
            .withMaxSteps(STEPS)
            .withLogEvery(1));
    Map<String, List<Double>> metrics = new java.util.LinkedHashMap<>();
    MetricSink sink = (key, value, step) -> metrics.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    PretrainResult r =
        new Pretrainer(new PrintStream(OutputStream.nullOutputStream()), Duration.ZERO).run(opts, data, out, sink);
    assertEquals(STEPS, r.steps());
    List<Double> loss = metrics.get("loss");
    assertEquals(STEPS, loss.size());
    assertTrue(loss.stream().allMatch(Double::isFinite), method + " losses " + loss);
    assertNotEquals(loss.get(0), loss.get(STEPS - 1), method + " losses " + loss);
    assertTrue(r.finalZStd() > 0, method + " z_std " + r.finalZStd());
    return metrics;
  }

  @Test
  void simClrTrains() throws IOException {
    List<Double> loss = run("simclr", o -> o).get("loss");
    // NT-Xent is positive, and a random start sits near ln(2B - 1) = ln 63 (the positive is one of 63).
    assertTrue(loss.get(0) > 0 && loss.get(0) < 2 * Math.log(63), loss.toString());
  }

  @Test
  void mocoV2TrainsWithItsMomentumEncoder() throws IOException {
    Map<String, List<Double>> m = run("mocov2", o -> o.withMethodParams(o.methodParams().withQueue(256, true)));
    assertTrue(m.containsKey("tau"), "MoCo v2 logs the EMA momentum");
    assertTrue(m.get("loss").get(0) > 0);
  }

  @Test
  void barlowTwinsTrains() throws IOException {
    assertTrue(run("barlow", o -> o).get("loss").get(0) > 0);
  }

  @Test
  void swavTrainsAndUnfreezesItsPrototypes() throws IOException {
    List<Double> loss =
        run("swav", o -> o.withMethodParams(o.methodParams().withSwav(32, 0.05, 3, 2))).get("loss");
    // Cross-entropy against codes that sum to 1: positive, and near ln K = ln 32 at a random start.
    assertTrue(loss.get(0) > 0 && loss.get(0) < 2 * Math.log(32), loss.toString());
  }
}

package dev.sslbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.sslbench.core.shard.ShardDataset;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.checkpoint.BackboneCheckpoint;
import dev.sslbench.training.checkpoint.LoadedBackbone;
import dev.sslbench.training.optim.LrSchedule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny end-to-end runs on 512 real Fashion-MNIST images with the project's BYOL augmentation. */
class PretrainerTest {
  private static final BackboneSpec TINY = new BackboneSpec("custom", 8, new int[] {1, 1, 1, 1}, 1, "bn");

  @TempDir static Path shared;
  private static ShardDataset data;

  @TempDir Path out;

  @BeforeAll
  static void writeDataset() throws IOException {
    data = TestDatasets.fashionMnist(shared.resolve("fmnist"), 512, 1, 2, 7);
  }

  /** Records every metric by key, in step order. */
  private static final class Recorder implements dev.sslbench.core.tracking.MetricSink {
    final Map<String, List<Double>> values = new LinkedHashMap<>();
    final Map<String, List<Long>> steps = new LinkedHashMap<>();

    @Override
    public void log(String key, double value, long step) {
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      steps.computeIfAbsent(key, k -> new ArrayList<>()).add(step);
    }
  }

  private static PretrainOptions tiny(String method) {
    return PretrainOptions.defaults(method, TINY)
        .withBatchSize(64)
        .withEpochs(2)
        .withHeads(128, 64, 128, "bn")
        .withLogEvery(1);
  }

  private PretrainResult run(PretrainOptions opts, Recorder sink, Path dir) throws IOException {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    PretrainResult r =
        new Pretrainer(new PrintStream(progress, true, StandardCharsets.UTF_8), Duration.ZERO)
            .run(opts, data, dir, sink);
    String lines = progress.toString(StandardCharsets.UTF_8);
    assertTrue(lines.contains("[pretrain " + opts.method() + "] epoch"), lines);
    assertTrue(lines.contains("img/s") && lines.contains("ETA"), lines);
    return r;
  }

  private static double mean(List<Double> v, int from, int to) {
    return v.subList(from, to).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  @Test
  void byolLearnsLogsEveryMetricAndWritesTheCheckpoint() throws IOException {
    Recorder sink = new Recorder();
    PretrainResult r = run(tiny("byol"), sink, out);
    // 512 pairs / 64 = 8 steps per epoch, 2 epochs.
    assertEquals(16, r.steps());
    assertEquals(
        List.of("loss", "lr", "tau", "z_std", "throughput_img_s", "loader_wait_fraction"),
        List.copyOf(sink.values.keySet()));
    List<Double> loss = sink.values.get("loss");
    assertEquals(16, loss.size());
    assertTrue(loss.stream().allMatch(Double::isFinite), loss.toString());
    assertTrue(mean(loss, 12, 16) < mean(loss, 0, 4), "BYOL loss should fall: " + loss);
    assertEquals(loss.get(15), r.finalLoss());
    List<Double> tau = sink.values.get("tau");
    assertEquals(0.99, tau.get(0), 1e-12);
    assertTrue(tau.get(15) > tau.get(0) && tau.get(15) <= 1.0);
    assertTrue(r.finalZStd() > 0 && r.imagesPerSecond() > 0 && r.seconds() > 0);
    assertTrue(r.loaderWaitFraction() >= 0 && r.loaderWaitFraction() <= 1);
    assertEquals(Long.valueOf(1), sink.steps.get("loss").get(0));

    try (NDManager m = NDManager.newBaseManager()) {
      LoadedBackbone loaded = BackboneCheckpoint.load(r.checkpointDir(), m);
      assertEquals(TINY, loaded.spec());
      assertEquals("byol", loaded.meta().get("method"));
      assertEquals("16", loaded.meta().get("steps"));
    }
  }

  @Test
  void simSiamTrainsWithFiniteChangingLoss() throws IOException {
    Recorder sink = new Recorder();
    PretrainResult r = run(tiny("simsiam"), sink, out);
    List<Double> loss = sink.values.get("loss");
    assertTrue(loss.stream().allMatch(v -> Double.isFinite(v) && v >= -1 && v <= 1), loss.toString());
    assertNotEquals(loss.get(0), loss.get(loss.size() - 1));
    assertTrue(!sink.values.containsKey("tau"), "SimSiam has no momentum encoder");
    assertTrue(r.finalZStd() > 0.01, "z_std " + r.finalZStd());
  }

  @Test
  void sameOptionsGiveTheSameLossesAndTheSeedMatters() throws IOException {
    PretrainOptions opts = tiny("byol").withMaxSteps(4);
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    Recorder c = new Recorder();
    run(opts, a, out.resolve("a"));
    run(opts, b, out.resolve("b"));
    run(opts.withSeed(43), c, out.resolve("c"));
    assertEquals(a.values.get("loss"), b.values.get("loss"));
    assertEquals(a.values.get("z_std"), b.values.get("z_std"));
    assertNotEquals(a.values.get("loss"), c.values.get("loss"));
  }

  @Test
  void maxStepsCapsTheRunAndTheScheduleSpansIt() throws IOException {
    PretrainOptions opts = tiny("simsiam").withMaxSteps(3).withWarmupEpochs(0.25);
    Recorder sink = new Recorder();
    PretrainResult r = run(opts, sink, out);
    assertEquals(3, r.steps());
    // 8 steps per epoch: 0.25 epochs = 2 warm-up steps, then cosine over the 3 steps that run.
    LrSchedule expected = LrSchedule.warmupCosine(opts.lr(), 2, 3);
    List<Double> lr = sink.values.get("lr");
    for (int k = 0; k < 3; k++) {
      assertEquals(expected.at(k), lr.get(k), 1e-12);
    }
  }

  @Test
  void aDivergingRunFailsWithAClearError() {
    PretrainOptions opts = tiny("byol").withOptimizer("sgd", 1e38, 0, 0.9).withMaxSteps(8);
    TrainingDivergedException e =
        assertThrows(TrainingDivergedException.class, () -> run(opts, new Recorder(), out));
    assertTrue(e.getMessage().matches("byol loss is (NaN|-?Infinity) at step \\d+ .*"), e.getMessage());
    assertTrue(!Double.isFinite(e.loss()) && e.step() >= 1);
  }
}

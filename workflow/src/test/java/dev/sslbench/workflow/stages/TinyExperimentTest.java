package dev.sslbench.workflow.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;


import dev.sslbench.core.config.ExperimentConfig;
import dev.sslbench.core.tracking.MetricPoint;
import dev.sslbench.core.tracking.MlflowTestServer;
import dev.sslbench.core.tracking.MlflowTracking;
import dev.sslbench.core.tracking.Provenance;
import dev.sslbench.core.tracking.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole experiment at toy size on the real Fashion-MNIST and a real MLflow server, then everything it wrote read
 * back through the MLflow REST API.
 */
class TinyExperimentTest {
  static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  @TempDir Path work;

  @Test
  void everyStageIsTrackedAndReadableBack() throws Exception {
    assumeTrue(Files.isDirectory(FASHION_MNIST), "needs the dataset-fashion-mnist package");
    String name = "tiny-" + UUID.randomUUID().toString().substring(0, 8);
    ExperimentConfig config =
        Experiments.parse(
            """
            name: %s
            seed: 3
            preprocess: {augmentation_epochs: 1, limit: 192, num_shards: 2}
            pretrain:
              - {method: byol, epochs: 1, batch_size: 32, max_steps: 4}
              - {method: simsiam, epochs: 1, batch_size: 32, max_steps: 4}
            evaluation:
              train_limit: 300
              test_limit: 100
              knn: {k: 20}
              linear: {epochs: 2, batch_size: 64}
            """
                .formatted(name),
            "tiny.yaml");

    try (MlflowTracking tracking = MlflowTracking.connect(MlflowTestServer.uri())) {
      ReportStage.Outcome report =
          ExperimentRunner.run(tracking, config, Path.of("tiny.yaml"), work.resolve("runs"), work.resolve("reports"));

      // The table: one row per pretrained backbone, then random-init, with both accuracies.
      List<String> methods = report.table().rows().stream().map(r -> r.method()).collect(Collectors.toList());
      assertEquals(List.of("byol", "simsiam", "random-init"), methods);
      report.table().rows().forEach(r -> assertNotNull(r.knnTop1(), r.method()));
      report.table().rows().forEach(r -> assertNotNull(r.linearTop1(), r.method()));
      assertEquals(1, report.table().rows().get(0).epochs());
      assertEquals(32, report.table().rows().get(0).batchSize());

      String experimentId = tracking.getOrCreateExperiment(name);
      String parentId = ExperimentRunner.latestExperimentRun(tracking, experimentId);
      RunRecord parent = tracking.read(parentId);
      assertEquals("FINISHED", parent.status());
      assertEquals("experiment", parent.tags().get(StageContext.STAGE_TAG));
      assertEquals(name, parent.params().get("name"));
      assertEquals("192", parent.params().get("preprocess.limit"));
      assertTrue(tracking.listArtifactFiles(parentId).contains("config/resolved-config.yaml"));

      List<RunRecord> children = tracking.childRuns(experimentId, parentId);
      Map<String, RunRecord> byName =
          children.stream().collect(Collectors.toMap(RunRecord::runName, r -> r));
      assertEquals(
          java.util.Set.of(
              "preprocess", "pretrain-byol", "pretrain-simsiam", "eval-byol", "eval-simsiam", "eval-random-init",
              "report"),
          byName.keySet());
      for (RunRecord child : children) {
        assertEquals("FINISHED", child.status(), child.runName());
        assertNotNull(child.tags().get(Provenance.GIT_COMMIT), child.runName());
        assertNotNull(child.tags().get("sslbench.version.djl"), child.runName());
        assertNotNull(child.tags().get(StageContext.STAGE_TAG), child.runName());
        // The full resolved config is on every stage run.
        assertEquals("3", child.params().get("seed"), child.runName());
        assertEquals("resnet-tiny", child.params().get("backbone"), child.runName());
      }

      RunRecord preprocess = byName.get("preprocess");
      assertEquals(192.0, preprocess.metrics().get("pairs"));
      assertTrue(tracking.listArtifactFiles(preprocess.runId()).contains("manifest.json"));

      RunRecord byol = byName.get("pretrain-byol");
      assertEquals("byol", byol.params().get("method"));
      assertEquals("1", byol.params().get("epochs"));
      assertEquals("32", byol.params().get("batch_size"));
      assertEquals(preprocess.runId(), byol.tags().get(StageContext.SHARDS_RUN_TAG));
      List<MetricPoint> loss = tracking.metricHistory(byol.runId(), "loss");
      assertFalse(loss.isEmpty());
      for (int i = 1; i < loss.size(); i++) {
        assertTrue(loss.get(i).step() > loss.get(i - 1).step(), "loss steps increase");
      }
      for (String key : List.of("lr", "tau", "z_std", "throughput_img_s", "loader_wait_fraction")) {
        assertFalse(tracking.metricHistory(byol.runId(), key).isEmpty(), key);
      }
      assertTrue(
          tracking.listArtifactFiles(byol.runId()).stream().anyMatch(f -> f.startsWith("checkpoint/")),
          "checkpoint logged");

      RunRecord evalByol = byName.get("eval-byol");
      assertEquals(byol.runId(), evalByol.tags().get(StageContext.PRETRAIN_RUN_TAG));
      double knn = evalByol.metrics().get("knn_top1");
      assertTrue(knn > 0 && knn <= 1, "knn_top1 " + knn);
      assertNotEquals(null, evalByol.metrics().get("linear_top1"));

      RunRecord reportRun = byName.get("report");
      byte[] table = tracking.downloadArtifact(reportRun.runId(), "report/table.md");
      assertArrayEquals(Files.readAllBytes(report.markdown()), table);
      assertTrue(new String(table).contains("| random-init |"));
    }
  }
}

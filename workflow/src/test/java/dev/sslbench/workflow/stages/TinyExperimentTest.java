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
import java.util.Set;
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
          ExperimentRunner.run(tracking, config, Path.of("tiny.yaml"), work.resolve("runs"), work.resolve("reports"))
              .orElseThrow();

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

  @Test
  void aSecondRunSkipsEveryStageAndOneChangedSwitchRerunsOnlyItsBranch() throws Exception {
    assumeTrue(Files.isDirectory(FASHION_MNIST), "needs the dataset-fashion-mnist package");
    String name = "cache-" + UUID.randomUUID().toString().substring(0, 8);
    String yaml =
        """
        name: %s
        preprocess: {augmentation_epochs: 1, limit: 128, num_shards: 1}
        pretrain:
          - {method: byol, epochs: 1, batch_size: 32, max_steps: 2}
          - {method: simsiam, epochs: 1, batch_size: 32, max_steps: 2, lr: LR}
        evaluation: {train_limit: 200, test_limit: 50, knn: {k: 10}, linear: {epochs: 1}}
        """
            .formatted(name);
    try (MlflowTracking tracking = MlflowTracking.connect(MlflowTestServer.uri())) {
      ReportStage.Outcome first = runExperiment(tracking, yaml.replace("LR", "0.05"));
      String experimentId = tracking.getOrCreateExperiment(name);
      assertEquals(Set.of(), cacheHits(tracking, experimentId));

      ReportStage.Outcome second = runExperiment(tracking, yaml.replace("LR", "0.05"));
      assertEquals(
          Set.of("preprocess", "pretrain-byol", "pretrain-simsiam", "eval-byol", "eval-simsiam", "eval-random-init"),
          cacheHits(tracking, experimentId));
      // The skipped stages' results are the original runs', read back through the links.
      assertEquals(first.table().rows(), second.table().rows());

      runExperiment(tracking, yaml.replace("LR", "0.07"));
      assertEquals(
          Set.of("preprocess", "pretrain-byol", "eval-byol", "eval-random-init"), cacheHits(tracking, experimentId));

      // A dry run plans without creating any run.
      int runsBefore = tracking.searchRuns(experimentId, "").size();
      ExperimentRunner.run(
          tracking, Experiments.parse(yaml.replace("LR", "0.09"), "cache.yaml"), Path.of("cache.yaml"),
          work.resolve("runs"), work.resolve("reports"), new ExperimentRunner.Settings(true, Set.of()));
      assertEquals(runsBefore, tracking.searchRuns(experimentId, "").size());
    }
  }

  private ReportStage.Outcome runExperiment(MlflowTracking tracking, String yaml) {
    return ExperimentRunner.run(
            tracking, Experiments.parse(yaml, "cache.yaml"), Path.of("cache.yaml"), work.resolve("runs"),
            work.resolve("reports"))
        .orElseThrow();
  }

  /** Run names of the stages the latest experiment run skipped. */
  private static Set<String> cacheHits(MlflowTracking tracking, String experimentId) {
    String parent = ExperimentRunner.latestExperimentRun(tracking, experimentId);
    return tracking.childRuns(experimentId, parent).stream()
        .filter(r -> r.tags().containsKey(StageCache.REUSES_TAG))
        .map(RunRecord::runName)
        .collect(Collectors.toSet());
  }
}

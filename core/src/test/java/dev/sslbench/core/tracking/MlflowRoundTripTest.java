package dev.sslbench.core.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes runs to a real MLflow server and reads everything back through its REST API. */
class MlflowRoundTripTest {
  private static final String SECRET_VALUE = "hunter2-" + UUID.randomUUID();

  private static MlflowTracking tracking;
  private static String experimentName;
  private static String experimentId;

  @BeforeAll
  static void connect() {
    tracking = MlflowTracking.connect(MlflowTestServer.uri());
    experimentName = "roundtrip-" + UUID.randomUUID();
    experimentId = tracking.getOrCreateExperiment(experimentName);
  }

  @AfterAll
  static void disconnect() {
    tracking.close();
  }

  @Test
  void parentAndChildRunRoundTrip(@TempDir Path tmp) throws Exception {
    assertEquals(experimentId, tracking.getOrCreateExperiment(experimentName));

    String parentId;
    String childId;
    byte[] fileBytes = randomBytes(70_000, 1);
    byte[] nestedBytes = "nested file\n".getBytes(StandardCharsets.UTF_8);
    try (TrackedRun parent =
        tracking.startRun(experimentId, "sweep", null, Map.of("sslbench.stage", "workflow"))) {
      parentId = parent.runId();
      try (TrackedRun child =
          tracking.startRun(experimentId, "byol seed 1", parentId, Provenance.tags())) {
        childId = child.runId();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("optimizer.lr", "0.05");
        params.put("method", "byol");
        params.put("storage.s3.secretAccessKey", SECRET_VALUE);
        params.put("mlflow_token", SECRET_VALUE);
        params.put("long.value", "x".repeat(700));
        child.logParams(params);
        child.setTag("note", "round trip");
        child.setTag("db.password", SECRET_VALUE);
        for (int step = 0; step < 250; step++) {
          child.log("train_loss", 4.0 - step * 0.01, step);
        }
        child.log("knn_top1", 0.5, 1);
        child.log("knn_top1", 0.625, 2);
        // A diverged loss must still be recordable.
        child.log("diverged", Double.NaN, 0);
        child.log("diverged", Double.POSITIVE_INFINITY, 1);

        Path file = tmp.resolve("weights.bin");
        Files.write(file, fileBytes);
        child.logArtifact(file, "checkpoints");
        Path dir = tmp.resolve("report");
        Files.createDirectories(dir.resolve("sub dir"));
        Files.writeString(dir.resolve("summary.json"), "{\"top1\": 0.625}");
        Files.write(dir.resolve("sub dir/nested.txt"), nestedBytes);
        child.logArtifacts(dir, "report");
      }
    }

    RunRecord child = tracking.read(childId);
    assertEquals("FINISHED", child.status());
    assertEquals("byol seed 1", child.runName());
    assertEquals(parentId, child.parentRunId());
    assertEquals("0.05", child.params().get("optimizer.lr"));
    assertEquals("byol", child.params().get("method"));
    assertEquals(500, child.params().get("long.value").length());
    assertFalse(child.params().containsKey("storage.s3.secretAccessKey"));
    assertFalse(child.params().containsKey("mlflow_token"));
    assertEquals("mlflow_token,storage.s3.secretAccessKey", child.tags().get("redacted_params"));
    assertEquals("long.value", child.tags().get("truncated_params"));
    assertEquals("db.password", child.tags().get("redacted_tags"));
    assertFalse(child.tags().containsKey("db.password"));
    assertEquals("round trip", child.tags().get("note"));
    assertEquals("byol seed 1", child.tags().get("mlflow.runName"));
    assertTrue(child.tags().containsKey(Provenance.GIT_COMMIT));
    assertEquals(
        Provenance.versions().getProperty("mlflow_client"),
        child.tags().get("sslbench.version.mlflow_client"));
    for (Map<String, String> m : List.of(child.params(), child.tags())) {
      m.forEach((k, v) -> assertFalse(v.contains(SECRET_VALUE), "secret leaked in " + k));
    }

    List<MetricPoint> loss = tracking.metricHistory(childId, "train_loss");
    assertEquals(250, loss.size());
    for (int step = 0; step < 250; step++) {
      assertEquals(step, loss.get(step).step());
      assertEquals(4.0 - step * 0.01, loss.get(step).value(), 0.0);
      assertTrue(loss.get(step).timestamp() > 0);
    }
    assertEquals(List.of(0.5, 0.625), values(tracking.metricHistory(childId, "knn_top1")));
    assertEquals(0.625, child.metrics().get("knn_top1"), 0.0);
    List<Double> diverged = values(tracking.metricHistory(childId, "diverged"));
    assertEquals(2, diverged.size());
    assertTrue(Double.isNaN(diverged.get(0)), diverged.toString());
    assertTrue(diverged.get(1) > 1e300, diverged.toString());

    assertEquals(List.of("checkpoints", "report"), tracking.listArtifacts(childId, ""));
    assertEquals(
        List.of("report/sub dir", "report/summary.json"), tracking.listArtifacts(childId, "report"));
    assertEquals(
        List.of("checkpoints/weights.bin", "report/sub dir/nested.txt", "report/summary.json"),
        tracking.listArtifactFiles(childId));
    assertArrayEquals(fileBytes, tracking.downloadArtifact(childId, "checkpoints/weights.bin"));
    assertArrayEquals(nestedBytes, tracking.downloadArtifact(childId, "report/sub dir/nested.txt"));

    List<RunRecord> children = tracking.childRuns(experimentId, parentId);
    assertEquals(List.of(childId), children.stream().map(RunRecord::runId).toList());
    RunRecord parent = tracking.read(parentId);
    assertNull(parent.parentRunId());
    assertEquals("FINISHED", parent.status());
  }

  @Test
  void resumedRunKeepsLoggingAndFailedStatusSticks() {
    String runId;
    try (TrackedRun run = tracking.startRun(experimentId, "resumable", null, Map.of())) {
      runId = run.runId();
      run.logParams(Map.of("api_key", SECRET_VALUE, "epochs", "3"));
      run.log("loss", 1.0, 1);
    }
    try (TrackedRun resumed = tracking.resumeRun(runId)) {
      assertEquals("RUNNING", tracking.read(runId).status());
      resumed.logParams(Map.of("privateKey", SECRET_VALUE));
      resumed.log("loss", 0.5, 2);
      resumed.finish("FAILED");
    }
    RunRecord run = tracking.read(runId);
    assertEquals("FAILED", run.status());
    assertEquals("api_key,privateKey", run.tags().get("redacted_params"));
    assertEquals(Map.of("epochs", "3"), run.params());
    assertEquals(List.of(1.0, 0.5), values(tracking.metricHistory(runId, "loss")));
  }

  @Test
  void changingAParamValueIsAClearError() {
    try (TrackedRun run = tracking.startRun(experimentId, "param clash", null, Map.of())) {
      run.logParams(Map.of("seed", "1"));
      TrackingException e =
          assertThrows(TrackingException.class, () -> run.logParams(Map.of("seed", "2")));
      assertTrue(e.getMessage().contains(run.runId()), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> run.finish("DONE"));
    }
  }

  @Test
  void artifactPathsCannotEscapeTheRun(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("a.txt"), "a");
    try (TrackedRun run = tracking.startRun(experimentId, "escape", null, Map.of())) {
      assertThrows(IllegalArgumentException.class, () -> run.logArtifact(file, "../other"));
      assertThrows(IllegalArgumentException.class, () -> run.logArtifact(file, "/abs"));
      assertThrows(IllegalArgumentException.class, () -> run.logArtifact(tmp.resolve("missing"), null));
      run.logArtifact(file, null);
      assertEquals(List.of("a.txt"), tracking.listArtifacts(run.runId(), null));
      TrackingException missing =
          assertThrows(TrackingException.class, () -> tracking.downloadArtifact(run.runId(), "b.txt"));
      assertTrue(missing.getMessage().contains("b.txt"), missing.getMessage());
    }
  }

  private static List<Double> values(List<MetricPoint> points) {
    List<Double> out = new ArrayList<>();
    points.forEach(p -> out.add(p.value()));
    return out;
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}

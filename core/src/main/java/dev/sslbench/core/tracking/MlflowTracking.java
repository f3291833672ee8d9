package dev.sslbench.core.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.Page;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * Connection to an MLflow tracking server: experiments, runs (start, resume) and reading back what
 * was logged. Artifacts go through the server's proxied artifact API, never through Python.
 */
public final class MlflowTracking implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]+");
  private static final int HISTORY_PAGE = 25_000;

  private final String trackingUri;
  private final MlflowClient client;
  private final ServerHttp http;

  private MlflowTracking(String trackingUri, MlflowClient client, ServerHttp http) {
    this.trackingUri = trackingUri;
    this.client = client;
    this.http = http;
  }

  /**
   * Connects to {@code trackingUri} ({@code http(s)://host:port}). Credentials, when the server
   * needs them, come from MLflow's usual {@code MLFLOW_TRACKING_TOKEN} or {@code
   * MLFLOW_TRACKING_USERNAME}/{@code MLFLOW_TRACKING_PASSWORD} environment variables.
   */
  public static MlflowTracking connect(String trackingUri) {
    if (trackingUri == null || !trackingUri.matches("(?i)https?://.+")) {
      throw new IllegalArgumentException(
          "tracking URI must be http(s)://host:port, got '" + trackingUri + "'");
    }
    String uri = trackingUri.replaceAll("/+$", "");
    String token = System.getenv("MLFLOW_TRACKING_TOKEN");
    String user = System.getenv("MLFLOW_TRACKING_USERNAME");
    String password = System.getenv("MLFLOW_TRACKING_PASSWORD");
    Optional<String> authorization = Optional.empty();
    BasicMlflowHostCreds creds;
    if (token != null && !token.isEmpty()) {
      creds = new BasicMlflowHostCreds(uri, token);
      authorization = Optional.of("Bearer " + token);
    } else if (user != null && !user.isEmpty()) {
      String pw = password == null ? "" : password;
      creds = new BasicMlflowHostCreds(uri, user, pw);
      authorization =
          Optional.of(
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8)));
    } else {
      creds = new BasicMlflowHostCreds(uri);
    }
    return new MlflowTracking(
        uri, new MlflowClient(creds), new ServerHttp(uri, authorization, Duration.ofMinutes(30)));
  }

  public String trackingUri() {
    return trackingUri;
  }

  /** The run's page in the MLflow UI. */
  public String runUrl(String experimentId, String runId) {
    return trackingUri + "/#/experiments/" + experimentId + "/runs/" + runId;
  }

  /** The id of the experiment called {@code name}, created (or restored if deleted) when needed. */
  public String getOrCreateExperiment(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("experiment name is empty");
    }
    try {
      Optional<JsonNode> existing = experimentByName(name);
      if (existing.isPresent()) {
        String id = existing.get().path("experiment_id").asText();
        if ("deleted".equals(existing.get().path("lifecycle_stage").asText())) {
          client.restoreExperiment(id);
        }
        return id;
      }
      try {
        return client.createExperiment(name);
      } catch (MlflowHttpException e) {
        // Another process created it between our lookup and create.
        return experimentByName(name)
            .map(experiment -> experiment.path("experiment_id").asText())
            .orElseThrow(() -> e);
      }
    } catch (MlflowClientException e) {
      throw failure("getting or creating experiment '" + name + "'", e);
    }
  }

  private Optional<JsonNode> experimentByName(String name) {
    HttpResponse<String> response =
        http.getTracking("experiments/get-by-name?experiment_name=" + encode(name));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new TrackingException(
          "looking up experiment '"
              + name
              + "' at "
              + trackingUri
              + " failed: HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
    try {
      return Optional.of(JSON.readTree(response.body()).path("experiment"));
    } catch (IOException e) {
      throw new TrackingException("unreadable answer for experiment '" + name + "'", e);
    }
  }

  /**
   * Starts a run in {@code experimentId}. A non-null {@code parentRunIdOrNull} nests it under that
   * run ({@code mlflow.parentRunId}); tags whose keys look secret are dropped (see {@link
   * TrackingKeys#looksSecret}).
   */
  public TrackedRun startRun(
      String experimentId, String runName, String parentRunIdOrNull, Map<String, String> tags) {
    if (parentRunIdOrNull != null) {
      requireRunId(parentRunIdOrNull);
    }
    Service.CreateRun.Builder create =
        Service.CreateRun.newBuilder()
            .setExperimentId(experimentId)
            .setStartTime(System.currentTimeMillis())
            .addTags(tag("mlflow.user", System.getProperty("user.name", "unknown")));
    if (runName != null && !runName.isEmpty()) {
      create.setRunName(runName).addTags(tag(TrackingKeys.RUN_NAME, runName));
    }
    if (parentRunIdOrNull != null) {
      create.addTags(tag(TrackingKeys.PARENT_RUN_ID, parentRunIdOrNull));
    }
    Service.RunInfo info;
    try {
      info = client.createRun(create.build());
    } catch (MlflowClientException e) {
      throw failure("creating run '" + runName + "' in experiment " + experimentId, e);
    }
    TrackedRun run =
        new TrackedRun(
            this, info.getRunId(), info.getExperimentId(), info.getArtifactUri(), List.of());
    if (tags != null && !tags.isEmpty()) {
      run.setTags(tags);
    }
    return run;
  }

  /** Reopens an existing run (status back to RUNNING) to log more to it. */
  public TrackedRun resumeRun(String runId) {
    requireRunId(runId);
    Service.Run run;
    try {
      run = client.getRun(runId);
      client.sendPost(
          "runs/update",
          JSON.createObjectNode().put("run_id", runId).put("status", "RUNNING").toString());
    } catch (MlflowClientException e) {
      throw failure("resuming run " + runId, e);
    }
    String redacted = "";
    for (Service.RunTag t : run.getData().getTagsList()) {
      if (t.getKey().equals(TrackingKeys.REDACTED_PARAMS)) {
        redacted = t.getValue();
      }
    }
    List<String> alreadyRedacted = redacted.isEmpty() ? List.of() : List.of(redacted.split(","));
    return new TrackedRun(
        this,
        run.getInfo().getRunId(),
        run.getInfo().getExperimentId(),
        run.getInfo().getArtifactUri(),
        alreadyRedacted);
  }

  /** Params, tags and the latest value of each metric of one run. */
  public RunRecord read(String runId) {
    requireRunId(runId);
    try {
      return record(client.getRun(runId));
    } catch (MlflowClientException e) {
      throw failure("reading run " + runId, e);
    }
  }

  /** Every logged value of {@code key}, ordered by step (then by timestamp). */
  public List<MetricPoint> metricHistory(String runId, String key) {
    requireRunId(runId);
    List<MetricPoint> points = new ArrayList<>();
    String pageToken = null;
    try {
      do {
        String query =
            "metrics/get-history?run_id="
                + runId
                + "&metric_key="
                + encode(key)
                + "&max_results="
                + HISTORY_PAGE
                + (pageToken == null ? "" : "&page_token=" + encode(pageToken));
        JsonNode response = JSON.readTree(client.sendGet(query));
        for (JsonNode m : response.path("metrics")) {
          long step = m.path("step").asLong(0);
          long timestamp = m.path("timestamp").asLong();
          points.add(new MetricPoint(step, metricValue(m.path("value")), timestamp));
        }
        pageToken = response.path("next_page_token").asText("");
        pageToken = pageToken.isEmpty() ? null : pageToken;
      } while (pageToken != null);
    } catch (MlflowClientException e) {
      throw failure("reading history of metric '" + key + "' of run " + runId, e);
    } catch (IOException e) {
      throw new TrackingException("unreadable metric history of '" + key + "' in run " + runId, e);
    }
    points.sort(
        Comparator.comparingLong(MetricPoint::step).thenComparingLong(MetricPoint::timestamp));
    return List.copyOf(points);
  }

  /**
   * Direct children of {@code path} (empty for the root) in the run's artifacts, as paths relative
   * to the artifact root, in the server's order.
   */
  public List<String> listArtifacts(String runId, String path) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : listing(runId, path)) {
      out.add(f.path("path").asText());
    }
    return List.copyOf(out);
  }

  /** Every artifact file of the run (recursively), sorted, relative to the artifact root. */
  public List<String> listArtifactFiles(String runId) {
    List<String> out = new ArrayList<>();
    collectFiles(runId, "", out);
    out.sort(Comparator.naturalOrder());
    return List.copyOf(out);
  }

  /** The bytes of one artifact file, fetched through the proxied artifact API. */
  public byte[] downloadArtifact(String runId, String path) {
    String relative = ServerHttp.requireRelative("artifact path", path);
    if (relative.isEmpty()) {
      throw new IllegalArgumentException("artifact path is empty");
    }
    return http.download(proxiedRoot(runId) + "/" + relative);
  }

  /** Runs nested under {@code parentRunId} in the experiment, oldest first. */
  public List<RunRecord> childRuns(String experimentId, String parentRunId) {
    requireRunId(parentRunId);
    return searchRuns(experimentId, "tags.`" + TrackingKeys.PARENT_RUN_ID + "` = '" + parentRunId + "'");
  }

  /** Active runs of the experiment matching an MLflow search {@code filter}, oldest first. */
  public List<RunRecord> searchRuns(String experimentId, String filter) {
    List<RunRecord> out = new ArrayList<>();
    try {
      Page<Service.Run> page =
          client.searchRuns(
              List.of(experimentId),
              filter,
              Service.ViewType.ACTIVE_ONLY,
              1000,
              List.of("attributes.start_time ASC"));
      while (true) {
        for (Service.Run run : page.getItems()) {
          out.add(record(run));
        }
        if (!page.hasNextPage()) {
          break;
        }
        page = page.getNextPage();
      }
    } catch (MlflowClientException e) {
      throw failure("searching runs of experiment " + experimentId + " (" + filter + ")", e);
    }
    return List.copyOf(out);
  }

  @Override
  public void close() {
    client.close();
  }

  MlflowClient client() {
    return client;
  }

  ServerHttp http() {
    return http;
  }

  String proxiedRoot(String runId) {
    requireRunId(runId);
    try {
      return ServerHttp.proxiedRoot(runId, client.getRun(runId).getInfo().getArtifactUri());
    } catch (MlflowClientException e) {
      throw failure("reading artifact location of run " + runId, e);
    }
  }

  private void collectFiles(String runId, String path, List<String> out) {
    for (JsonNode f : listing(runId, path)) {
      if (f.path("is_dir").asBoolean(false)) {
        collectFiles(runId, f.path("path").asText(), out);
      } else {
        out.add(f.path("path").asText());
      }
    }
  }

  private JsonNode listing(String runId, String path) {
    requireRunId(runId);
    String relative = ServerHttp.requireRelative("artifact path", path == null ? "" : path);
    String query =
        "artifacts/list?run_id=" + runId + (relative.isEmpty() ? "" : "&path=" + encode(relative));
    try {
      return JSON.readTree(client.sendGet(query)).path("files");
    } catch (MlflowClientException e) {
      throw failure("listing artifacts '" + relative + "' of run " + runId, e);
    } catch (IOException e) {
      throw new TrackingException("unreadable artifact listing of run " + runId, e);
    }
  }

  private static RunRecord record(Service.Run run) {
    Service.RunInfo info = run.getInfo();
    Map<String, String> params = new LinkedHashMap<>();
    run.getData().getParamsList().forEach(p -> params.put(p.getKey(), p.getValue()));
    Map<String, String> tags = new LinkedHashMap<>();
    run.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
    Map<String, Double> metrics = new HashMap<>();
    run.getData().getMetricsList().forEach(m -> metrics.put(m.getKey(), m.getValue()));
    return new RunRecord(
        info.getRunId(),
        info.getExperimentId(),
        info.getRunName(),
        info.getStatus().name(),
        info.getArtifactUri(),
        info.getStartTime(),
        info.getEndTime(),
        params,
        tags,
        metrics);
  }

  /** The REST API writes NaN and infinities as strings. */
  private static double metricValue(JsonNode v) {
    if (v.isNumber()) {
      return v.asDouble();
    }
    return switch (v.asText()) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v.asText());
    };
  }

  static Service.RunTag tag(String key, String value) {
    return Service.RunTag.newBuilder().setKey(key).setValue(value).build();
  }

  static void requireRunId(String runId) {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("not a run id: '" + runId + "'");
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  TrackingException failure(String what, MlflowClientException e) {
    String detail =
        e instanceof MlflowHttpException http
            ? "HTTP " + http.getStatusCode() + " " + http.getBodyMessage()
            : String.valueOf(e.getMessage());
    return new TrackingException(what + " at " + trackingUri + " failed: " + detail, e);
  }
}

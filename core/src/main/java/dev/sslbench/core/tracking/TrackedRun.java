package dev.sslbench.core.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClientException;

/**
 * One MLflow run being written: params, tags, buffered metrics and artifacts. Closing it marks the
 * run FINISHED unless {@link #finish} was called; call {@code finish("FAILED")} on errors.
 *
 * <p>Thread-safe: training loops may log from several threads.
 */
public final class TrackedRun implements MetricSink, AutoCloseable {
  /** Flush after this many buffered metrics... */
  static final int FLUSH_METRICS = 100;

  /** ...or when the oldest buffered metric is this old, so the UI stays close to live. */
  static final long FLUSH_NANOS = 5_000_000_000L;

  private static final Set<String> END_STATES = Set.of("FINISHED", "FAILED", "KILLED");

  private final MlflowTracking tracking;
  private final String runId;
  private final String experimentId;
  private final String artifactUri;
  private final List<Service.Metric> buffer = new ArrayList<>();
  private final Set<String> redactedParams = new TreeSet<>();
  private final Set<String> redactedTags = new TreeSet<>();
  private final Set<String> truncatedParams = new TreeSet<>();
  private long lastFlushNanos = System.nanoTime();
  private boolean finished;

  TrackedRun(
      MlflowTracking tracking,
      String runId,
      String experimentId,
      String artifactUri,
      List<String> alreadyRedacted) {
    this.tracking = tracking;
    this.runId = runId;
    this.experimentId = experimentId;
    this.artifactUri = artifactUri;
    this.redactedParams.addAll(alreadyRedacted);
  }

  public String runId() {
    return runId;
  }

  public String experimentId() {
    return experimentId;
  }

  /** The run's page in the MLflow UI. */
  public String url() {
    return tracking.runUrl(experimentId, runId);
  }

  /**
   * Logs params in batches. Values are cut to {@link TrackingKeys#MAX_PARAM_VALUE} characters
   * (named in the {@code truncated_params} tag); keys that look like secrets are not logged at all,
   * only named in the {@code redacted_params} tag. MLflow refuses to change a param's value once
   * logged.
   */
  public synchronized void logParams(Map<String, String> params) {
    List<Service.Param> batch = new ArrayList<>();
    int redactedBefore = redactedParams.size();
    int truncatedBefore = truncatedParams.size();
    for (Map.Entry<String, String> e : params.entrySet()) {
      String key = e.getKey();
      TrackingKeys.requireValid("param", key);
      if (TrackingKeys.looksSecret(key)) {
        redactedParams.add(key);
        continue;
      }
      String value = e.getValue() == null ? "null" : e.getValue();
      String cut = TrackingKeys.truncate(value, TrackingKeys.MAX_PARAM_VALUE);
      if (!cut.equals(value)) {
        truncatedParams.add(key);
      }
      batch.add(Service.Param.newBuilder().setKey(key).setValue(cut).build());
      if (batch.size() == TrackingKeys.BATCH_MAX_PARAMS) {
        send(List.of(), batch, List.of(), "logging params");
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      send(List.of(), batch, List.of(), "logging params");
    }
    Map<String, String> bookkeeping = new LinkedHashMap<>();
    if (redactedParams.size() != redactedBefore) {
      bookkeeping.put(TrackingKeys.REDACTED_PARAMS, String.join(",", redactedParams));
    }
    if (truncatedParams.size() != truncatedBefore) {
      bookkeeping.put(TrackingKeys.TRUNCATED_PARAMS, String.join(",", truncatedParams));
    }
    if (!bookkeeping.isEmpty()) {
      writeTags(bookkeeping);
    }
  }

  public void setTag(String key, String value) {
    setTags(Map.of(key, value));
  }

  /** Sets tags in batches; secret-looking keys are dropped and named in {@code redacted_tags}. */
  public synchronized void setTags(Map<String, String> tags) {
    Map<String, String> kept = new LinkedHashMap<>();
    int redactedBefore = redactedTags.size();
    for (Map.Entry<String, String> e : tags.entrySet()) {
      TrackingKeys.requireValid("tag", e.getKey());
      if (TrackingKeys.looksSecret(e.getKey())) {
        redactedTags.add(e.getKey());
      } else {
        kept.put(e.getKey(), e.getValue() == null ? "null" : e.getValue());
      }
    }
    if (redactedTags.size() != redactedBefore) {
      kept.put(TrackingKeys.REDACTED_TAGS, String.join(",", redactedTags));
    }
    writeTags(kept);
  }

  /** Buffers one metric point (timestamped now); see {@link #FLUSH_METRICS} for when it is sent. */
  @Override
  public synchronized void log(String key, double value, long step) {
    TrackingKeys.requireValid("metric", key);
    buffer.add(
        Service.Metric.newBuilder()
            .setKey(key)
            .setValue(value)
            .setStep(step)
            .setTimestamp(System.currentTimeMillis())
            .build());
    if (buffer.size() >= FLUSH_METRICS || System.nanoTime() - lastFlushNanos >= FLUSH_NANOS) {
      flush();
    }
  }

  /**
   * Sends buffered metrics now. On failure they stay buffered and go with the next flush (the
   * server ignores exact duplicates, so a partly applied batch is safe to resend).
   */
  public synchronized void flush() {
    while (!buffer.isEmpty()) {
      int n = Math.min(buffer.size(), TrackingKeys.BATCH_MAX_METRICS);
      List<Service.Metric> chunk = List.copyOf(buffer.subList(0, n));
      send(chunk, List.of(), List.of(), "logging " + n + " metrics");
      buffer.subList(0, n).clear();
    }
    lastFlushNanos = System.nanoTime();
  }

  /**
   * Uploads one file to {@code artifactDirOrNull/<file name>} in the run's artifacts (the root when
   * null).
   */
  public void logArtifact(Path file, String artifactDirOrNull) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("artifact " + file + " is not a readable regular file");
    }
    String dir = dir(artifactDirOrNull);
    tracking.http().upload(file, join(root(), dir, file.getFileName().toString()));
  }

  /**
   * Uploads every regular file under {@code dir}, keeping its relative layout, below {@code
   * artifactDirOrNull} (the root when null). Files go in sorted path order.
   */
  public void logArtifacts(Path dir, String artifactDirOrNull) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("artifact directory " + dir + " is not a directory");
    }
    String target = dir(artifactDirOrNull);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new TrackingException(
          "cannot list artifact directory " + dir + ": " + e.getMessage(), e);
    }
    String root = root();
    for (Path f : files) {
      String relative = dir.relativize(f).toString().replace('\\', '/');
      tracking.http().upload(f, join(root, target, relative));
    }
  }

  /** Flushes metrics and ends the run with FINISHED, FAILED or KILLED. Later calls do nothing. */
  public synchronized void finish(String status) {
    if (!END_STATES.contains(status)) {
      throw new IllegalArgumentException(
          "run status must be one of FINISHED, FAILED, KILLED, got '" + status + "'");
    }
    if (finished) {
      return;
    }
    flush();
    try {
      tracking
          .client()
          .setTerminated(runId, Service.RunStatus.valueOf(status), System.currentTimeMillis());
    } catch (MlflowClientException e) {
      throw tracking.failure("ending run " + runId + " as " + status, e);
    }
    finished = true;
  }

  public synchronized boolean isFinished() {
    return finished;
  }

  @Override
  public void close() {
    finish("FINISHED");
  }

  private void writeTags(Map<String, String> tags) {
    List<Service.RunTag> batch = new ArrayList<>();
    for (Map.Entry<String, String> e : tags.entrySet()) {
      String value = TrackingKeys.truncate(e.getValue(), TrackingKeys.MAX_TAG_VALUE);
      batch.add(MlflowTracking.tag(e.getKey(), value));
      if (batch.size() == TrackingKeys.BATCH_MAX_TAGS) {
        send(List.of(), List.of(), batch, "setting tags");
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      send(List.of(), List.of(), batch, "setting tags");
    }
  }

  private void send(
      List<Service.Metric> metrics,
      List<Service.Param> params,
      List<Service.RunTag> tags,
      String what) {
    try {
      tracking.client().logBatch(runId, metrics, params, tags);
    } catch (MlflowClientException e) {
      throw tracking.failure(what + " for run " + runId, e);
    }
  }

  private String root() {
    return ServerHttp.proxiedRoot(runId, artifactUri);
  }

  private static String dir(String artifactDirOrNull) {
    return artifactDirOrNull == null
        ? ""
        : ServerHttp.requireRelative("artifact directory", artifactDirOrNull);
  }

  private static String join(String... parts) {
    StringBuilder out = new StringBuilder();
    for (String p : parts) {
      if (p.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(p);
    }
    return out.toString();
  }
}

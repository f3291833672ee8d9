package dev.sslbench.workflow.cli;

import dev.sslbench.core.tracking.MlflowTracking;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every tracked command shares: where MLflow is and where outputs go. */
public final class TrackingOptions {
  @Option(
      names = "--tracking-uri",
      description = "MLflow tracking server (default: $MLFLOW_TRACKING_URI, set by ./sslbench to a local server).")
  String trackingUri;

  @Option(names = "--work-dir", defaultValue = "runs", description = "Where shards and checkpoints go (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--reports-dir", defaultValue = "reports", description = "Where tables go (default: ${DEFAULT-VALUE}).")
  Path reportsDir;

  public MlflowTracking connect() {
    String uri = trackingUri != null ? trackingUri : System.getenv("MLFLOW_TRACKING_URI");
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException(
          "no MLflow tracking server: set MLFLOW_TRACKING_URI or --tracking-uri (./sslbench starts a local one)");
    }
    return MlflowTracking.connect(uri);
  }

  public Path workDir() {
    return workDir;
  }

  public Path reportsDir() {
    return reportsDir;
  }
}

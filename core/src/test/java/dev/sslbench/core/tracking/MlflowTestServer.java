package dev.sslbench.core.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real MLflow tracking server for tests: {@code MLFLOW_TRACKING_URI} when set, else one started
 * with {@code infra/mlflow/server.sh} on a free port, once per JVM, stopped at JVM exit.
 *
 * <p>Usage: {@code String uri = MlflowTestServer.uri();}
 */
public final class MlflowTestServer {
  /** First start may have to build the server's venv (pip install), which takes a minute or two. */
  private static final long START_TIMEOUT_MINUTES = 15;

  private static String uri;

  private MlflowTestServer() {}

  /** The tracking URI of a running server, starting one on first use. */
  public static synchronized String uri() {
    if (uri == null) {
      String external = System.getenv("MLFLOW_TRACKING_URI");
      uri = external != null && !external.isBlank() ? external.trim() : start();
    }
    return uri;
  }

  private static String start() {
    Path repo = repoRoot(Path.of("").toAbsolutePath());
    Path script = repo.resolve("infra/mlflow/server.sh");
    try {
      Path home = Files.createTempDirectory("sslbench-mlflow-test-");
      Map<String, String> env =
          Map.of(
              "SSLBENCH_HOME", home.toString(),
              "MLFLOW_PORT", String.valueOf(freePort()),
              // The venv is the slow part and is the same for every test server: keep one per
              // checkout, under the ignored .sslbench/ directory.
              "MLFLOW_VENV",
                  System.getenv().getOrDefault(
                      "MLFLOW_VENV", repo.resolve(".sslbench/mlflow-venv").toString()));
      String out = run(script, "start", env, home.resolve("start.out"));
      List<String> lines = out.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
      String started = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
      if (!started.startsWith("http")) {
        throw new IllegalStateException(script + " start printed no URL:\n" + out);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      run(script, "stop", env, home.resolve("stop.out"));
                    } finally {
                      deleteTree(home);
                    }
                  },
                  "mlflow-test-server-stop"));
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the MLflow test server with " + script, e);
    }
  }

  /** Runs the script with output in a file (never a pipe the long-lived server could hold open). */
  private static String run(Path script, String command, Map<String, String> env, Path output) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder("bash", script.toString(), command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(START_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            script + " " + command + " did not finish in " + START_TIMEOUT_MINUTES + " min:\n" + read(output));
      }
      String out = read(output);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            script + " " + command + " failed (exit " + process.exitValue() + "):\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + script + " " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script + " " + command, e);
    }
  }

  static Path repoRoot(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("infra/mlflow/server.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no infra/mlflow/server.sh in " + start + " or any parent; set MLFLOW_TRACKING_URI instead");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(unreadable " + file + ": " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort at JVM exit; a leftover temp directory is harmless.
    }
  }
}

package dev.sslbench.core.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Run tags that say exactly what produced a run: git commit and dirty flag, sslbench and library
 * versions, Java version and host.
 */
public final class Provenance {
  public static final String PREFIX = "sslbench.";
  public static final String GIT_COMMIT = PREFIX + "git_commit";
  public static final String GIT_DIRTY = PREFIX + "git_dirty";
  public static final String UNKNOWN = "unknown";

  /** Written by Maven resource filtering from the root pom's pinned versions. */
  static final String VERSIONS_RESOURCE = "/sslbench-versions.properties";

  private Provenance() {}

  /** Provenance of this process: commit of the working directory or {@code SSLBENCH_GIT_COMMIT}. */
  public static Map<String, String> tags() {
    return tags(System.getenv(), Path.of("").toAbsolutePath());
  }

  static Map<String, String> tags(Map<String, String> env, Path workDir) {
    Map<String, String> tags = new LinkedHashMap<>();
    String override = env.get("SSLBENCH_GIT_COMMIT");
    if (override != null && !override.isBlank()) {
      tags.put(GIT_COMMIT, override.trim());
      String dirty = env.get("SSLBENCH_GIT_DIRTY");
      tags.put(GIT_DIRTY, dirty == null || dirty.isBlank() ? UNKNOWN : dirty.trim());
    } else {
      String commit = git(workDir, "rev-parse", "HEAD");
      tags.put(GIT_COMMIT, commit == null ? UNKNOWN : commit);
      // --no-optional-locks: provenance must never write to the repository (no index refresh).
      String status =
          commit == null ? null : git(workDir, "--no-optional-locks", "status", "--porcelain");
      tags.put(GIT_DIRTY, status == null ? UNKNOWN : String.valueOf(!status.isEmpty()));
    }
    Properties versions = versions();
    tags.put(PREFIX + "version", versions.getProperty("sslbench", UNKNOWN));
    tags.put(PREFIX + "version.java", System.getProperty("java.version", UNKNOWN));
    tags.put(PREFIX + "version.beam", versions.getProperty("beam", UNKNOWN));
    tags.put(PREFIX + "version.djl", versions.getProperty("djl", UNKNOWN));
    tags.put(PREFIX + "version.pytorch", versions.getProperty("pytorch", UNKNOWN));
    tags.put(PREFIX + "version.pytorch_jni", versions.getProperty("pytorch_jni", UNKNOWN));
    tags.put(PREFIX + "version.mlflow_client", versions.getProperty("mlflow_client", UNKNOWN));
    String os = System.getProperty("os.name", UNKNOWN) + " " + System.getProperty("os.version", "");
    tags.put(PREFIX + "host.os", os.trim());
    tags.put(PREFIX + "host.arch", System.getProperty("os.arch", UNKNOWN));
    tags.put(PREFIX + "host.cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
    return tags;
  }

  /** The pinned versions this build was made with. */
  static Properties versions() {
    Properties p = new Properties();
    try (InputStream in = Provenance.class.getResourceAsStream(VERSIONS_RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable " + VERSIONS_RESOURCE, e);
    }
    return p;
  }

  /** Output of a git command, trimmed; null when git is missing, fails or hangs. */
  private static String git(Path workDir, String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return null;
      }
      return process.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}

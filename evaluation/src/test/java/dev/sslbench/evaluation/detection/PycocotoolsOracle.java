package dev.sslbench.evaluation.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs pycocotools on COCO files: a Python venv at {@code <repo>/.sslbench/coco-venv} built once
 * from {@code infra/python/requirements-coco.txt}, and {@code coco_oracle.py} over many cases in
 * one process.
 */
public final class PycocotoolsOracle {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String REQUIREMENTS = "infra/python/requirements-coco.txt";

  private final Path python;

  private PycocotoolsOracle(Path python) {
    this.python = python;
  }

  /** The oracle, creating (or reusing) the venv; fails with pip's output if it cannot. */
  public static PycocotoolsOracle create() {
    Path root = repoRoot();
    Path requirements = root.resolve(REQUIREMENTS);
    Path venv = root.resolve(".sslbench/coco-venv");
    Path python = venv.resolve("bin/python");
    try {
      Files.createDirectories(venv.getParent());
      String wanted = Files.readString(requirements);
      Path marker = venv.resolve("sslbench-requirements.txt");
      // The lock keeps a concurrent test and benchmark from building the venv twice.
      try (FileChannel channel =
              FileChannel.open(
                  root.resolve(".sslbench/coco-venv.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (Files.isExecutable(python)
            && Files.exists(marker)
            && Files.readString(marker).equals(wanted)) {
          return new PycocotoolsOracle(python);
        }
        String base = System.getenv().getOrDefault("SSLBENCH_PYTHON", "python3");
        exec(List.of(base, "-m", "venv", "--clear", venv.toString()), root, 300);
        exec(
            List.of(python.toString(), "-m", "pip", "install", "-q", "-r", requirements.toString()),
            root,
            900);
        Files.writeString(marker, wanted);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the pycocotools venv at " + venv, e);
    }
    return new PycocotoolsOracle(python);
  }

  /** pycocotools' answer for every case: its output JSON ({@code params}, {@code cases}). */
  public JsonNode evaluate(List<CocoCaseGenerator.Case> cases, Path workDir) {
    try {
      Path script = workDir.resolve("coco_oracle.py");
      try (InputStream in = PycocotoolsOracle.class.getResourceAsStream("/detection/coco_oracle.py")) {
        if (in == null) {
          throw new IllegalStateException("detection/coco_oracle.py is not on the test classpath");
        }
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      ObjectNode manifest = MAPPER.createObjectNode();
      ArrayNode list = manifest.putArray("cases");
      for (CocoCaseGenerator.Case c : cases) {
        list.addObject().put("name", c.name()).put("gt", c.gt().toString()).put("dt", c.dt().toString());
      }
      Path manifestFile = workDir.resolve("oracle-manifest.json");
      MAPPER.writeValue(manifestFile.toFile(), manifest);
      String out = exec(List.of(python.toString(), script.toString(), manifestFile.toString()), workDir, 600);
      return MAPPER.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the 12 stats of one case from the oracle's output. */
  public static double[] stats(JsonNode output, String name) {
    JsonNode node = output.path("cases").path(name).path("stats");
    if (node.size() != 12) {
      throw new IllegalStateException("oracle output has no 12 stats for " + name);
    }
    double[] stats = new double[12];
    for (int i = 0; i < 12; i++) {
      stats[i] = node.get(i).doubleValue();
    }
    return stats;
  }

  static Path repoRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(REQUIREMENTS))) {
        return p;
      }
    }
    throw new IllegalStateException("no " + REQUIREMENTS + " above " + dir);
  }

  private static String exec(List<String> command, Path dir, long timeoutSeconds) {
    try {
      Path log = Files.createTempFile("sslbench-oracle", ".err");
      Process process =
          new ProcessBuilder(new ArrayList<>(command))
              .directory(dir.toFile())
              .redirectError(log.toFile())
              .start();
      byte[] stdout;
      try (InputStream in = process.getInputStream()) {
        stdout = in.readAllBytes();
      }
      boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      String stderr = Files.readString(log);
      Files.deleteIfExists(log);
      if (!done) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "command failed (exit "
                + process.exitValue()
                + "): "
                + String.join(" ", command)
                + "\n"
                + stderr
                + new String(stdout, StandardCharsets.UTF_8));
      }
      return new String(stdout, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}

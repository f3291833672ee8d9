package dev.sslbench.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
  @Test
  void versionsComeFromTheFilteredResource() {
    Map<String, String> tags = Provenance.tags(Map.of("SSLBENCH_GIT_COMMIT", "abc123"), Path.of("."));
    assertEquals("abc123", tags.get("sslbench.git_commit"));
    assertEquals("unknown", tags.get("sslbench.git_dirty"));
    assertEquals("2.17.2", tags.get("sslbench.version.mlflow_client"));
    assertEquals("2.62.0", tags.get("sslbench.version.beam"));
    assertEquals("0.36.0", tags.get("sslbench.version.djl"));
    assertEquals("2.7.1", tags.get("sslbench.version.pytorch"));
    assertTrue(tags.get("sslbench.version").matches("\\d+\\.\\d+\\.\\d+.*"), tags.get("sslbench.version"));
    assertEquals(System.getProperty("java.version"), tags.get("sslbench.version.java"));
    assertEquals(System.getProperty("os.arch"), tags.get("sslbench.host.arch"));
    tags.forEach((k, v) -> assertFalse(v.contains("${"), k + " unfiltered: " + v));
  }

  @Test
  void outsideAnyRepositoryTheCommitIsUnknown(@TempDir Path dir) {
    for (Path p = dir; p != null; p = p.getParent()) {
      assumeTrue(!Files.exists(p.resolve(".git")), "temp dir lies inside a git repository");
    }
    Map<String, String> tags = Provenance.tags(Map.of(), dir);
    assertEquals("unknown", tags.get("sslbench.git_commit"));
    assertEquals("unknown", tags.get("sslbench.git_dirty"));
  }

  @Test
  void commitAndDirtyFlagOfAGitWorkingDirectory(@TempDir Path dir) throws Exception {
    assumeTrue(git(dir, "init", "-q") == 0, "git is not installed");
    Files.writeString(dir.resolve("a.txt"), "a");
    assertEquals(0, git(dir, "add", "a.txt"));
    assertEquals(
        0, git(dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "a"));

    Map<String, String> clean = Provenance.tags(Map.of(), dir);
    assertTrue(clean.get("sslbench.git_commit").matches("[0-9a-f]{40}"), clean.toString());
    assertEquals("false", clean.get("sslbench.git_dirty"));

    Files.writeString(dir.resolve("a.txt"), "changed");
    Map<String, String> dirty = Provenance.tags(Map.of(), dir);
    assertEquals(clean.get("sslbench.git_commit"), dirty.get("sslbench.git_commit"));
    assertEquals("true", dirty.get("sslbench.git_dirty"));
  }

  private static int git(Path dir, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}

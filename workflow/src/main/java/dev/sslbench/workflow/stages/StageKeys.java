package dev.sslbench.workflow.stages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stage's cache key: a hash of its name, its resolved settings and its inputs' keys. Two stages with the same
 * key compute the same thing, so a finished result for a key can be reused; changing one setting changes the key
 * of that stage and of everything downstream of it, and of nothing else.
 */
public final class StageKeys {
  /** Bumped when a stage's output for the same settings would change (a format or algorithm change). */
  static final String SCHEMA = "1";

  private StageKeys() {}

  public static String key(String stage, Map<String, String> settings, List<String> inputKeys) {
    StringBuilder canonical = new StringBuilder("sslbench-stage-key ").append(SCHEMA).append('\n');
    canonical.append("stage=").append(stage).append('\n');
    new TreeMap<>(settings).forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
    for (String input : inputKeys) {
      canonical.append("input=").append(input).append('\n');
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}

package dev.sslbench.core.shard;

import java.io.Serializable;
import java.util.Objects;

/**
 * One shard of a dataset as listed in its manifest.
 *
 * @param file path relative to the dataset directory, with {@code /} separators, e.g. {@code
 *     shards/pairs-00000-of-00008.bin}
 * @param pairs number of records in the shard
 * @param sha256 lower-case hex SHA-256 of the whole shard file
 */
public record ShardEntry(String file, long pairs, String sha256) implements Serializable {

  public ShardEntry {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    if (pairs < 0) {
      throw new IllegalArgumentException("negative pair count " + pairs + " for " + file);
    }
  }
}

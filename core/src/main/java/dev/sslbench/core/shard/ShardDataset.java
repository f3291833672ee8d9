package dev.sslbench.core.shard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A validated view-pair dataset directory: its manifest and the shard files, in order. */
public final class ShardDataset {
  /** Directory of the shard files inside a dataset directory. */
  public static final String SHARDS_DIR = "shards";

  /** Optional file listing the pairs that could not be produced, one JSON object per line. */
  public static final String DEAD_LETTERS_FILE = "dead-letters.jsonl";

  private final Path dir;
  private final DatasetManifest manifest;
  private final List<Path> shardFiles;

  private ShardDataset(Path dir, DatasetManifest manifest, List<Path> shardFiles) {
    this.dir = dir;
    this.manifest = manifest;
    this.shardFiles = List.copyOf(shardFiles);
  }

  /**
   * Opens {@code dir}: reads the manifest, checks it is consistent and that every shard file
   * exists with exactly the size its pair count implies (so truncation is caught up front).
   */
  public static ShardDataset open(Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    DatasetManifest m = DatasetManifest.read(root);
    Path mf = root.resolve(DatasetManifest.FILE_NAME);
    check(m.formatVersion() == ShardFormat.VERSION, mf,
        "formatVersion " + m.formatVersion() + " is not " + ShardFormat.VERSION);
    check(m.shape() != null, mf, "shape is missing");
    int channels = m.shape().channels();
    check(m.mean() != null && m.mean().length == channels, mf,
        "mean must have one value per channel (" + channels + ")");
    check(m.std() != null && m.std().length == channels, mf,
        "std must have one value per channel (" + channels + ")");
    check(!m.shards().isEmpty(), mf, "shards list is empty");
    check(m.shardPairs() == m.pairs(), mf,
        "pairs is " + m.pairs() + " but the shards list " + m.shardPairs());
    check(m.pairs() + m.deadLetters() == m.images() * m.augmentationEpochs(), mf,
        "pairs (" + m.pairs() + ") + deadLetters (" + m.deadLetters() + ") != images ("
            + m.images() + ") * augmentationEpochs (" + m.augmentationEpochs() + ")");
    long recordBytes = ShardFormat.recordBytes(m.shape());
    List<Path> files = new ArrayList<>();
    for (ShardEntry e : m.shards()) {
      Path f = root.resolve(e.file()).normalize();
      check(f.startsWith(root) && !f.equals(root), mf,
          "shard path " + e.file() + " is outside the dataset directory");
      if (!Files.isRegularFile(f)) {
        throw new ShardFormatException(f, -1, "shard file listed in " + mf + " does not exist");
      }
      long expected = ShardFormat.HEADER_BYTES + e.pairs() * recordBytes;
      long actual = Files.size(f);
      if (actual != expected) {
        throw new ShardFormatException(f, -1, "file has " + actual + " bytes but the manifest's "
            + e.pairs() + " pairs of shape " + m.shape() + " need " + expected);
      }
      files.add(f);
    }
    return new ShardDataset(root, m, files);
  }

  private static void check(boolean ok, Path manifestFile, String reason) {
    if (!ok) {
      throw new ShardFormatException(manifestFile, -1, "invalid manifest: " + reason);
    }
  }

  public DatasetManifest manifest() {
    return manifest;
  }

  /** The shard files in manifest order; read in this order, pairs come sorted by (epoch, index). */
  public List<Path> shardFiles() {
    return shardFiles;
  }

  public Path dir() {
    return dir;
  }
}

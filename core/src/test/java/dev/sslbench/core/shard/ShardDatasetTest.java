package dev.sslbench.core.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardDatasetTest {
  private static final ImageShape SHAPE = new ImageShape(2, 2, 1);

  @TempDir Path dir;

  /** Writes a dataset of 3 images x 2 epochs in 2 shards; returns its manifest. */
  private DatasetManifest writeDataset() throws IOException {
    Files.createDirectories(dir.resolve(ShardDataset.SHARDS_DIR));
    List<ShardEntry> entries = new ArrayList<>();
    int[][] ranges = {{0, 4}, {4, 6}};
    for (int s = 0; s < 2; s++) {
      String name = ShardDataset.SHARDS_DIR + "/" + ShardFormat.fileName(s, 2);
      try (ShardWriter w = new ShardWriter(Files.newOutputStream(dir.resolve(name)), SHAPE)) {
        for (int k = ranges[s][0]; k < ranges[s][1]; k++) {
          byte v = (byte) k;
          w.write(new ViewPair(k % 3, k / 3, 1, new byte[] {v, v, v, v}, new byte[] {v, 0, v, 0}));
        }
        entries.add(new ShardEntry(name, w.count(), "00"));
      }
    }
    DatasetManifest m = new DatasetManifest(1, "tiny", "/src", "train", 3, 2, 6, SHAPE,
        new double[] {0.25}, new double[] {0.1}, 42, "byol", Map.of("b", "2", "a", "1"), entries,
        0, "2024-01-01T00:00:00Z");
    m.write(dir);
    return m;
  }

  @Test
  void manifestRoundTripsThroughJson() throws IOException {
    DatasetManifest m = writeDataset();
    DatasetManifest read = DatasetManifest.read(dir);
    assertEquals(m, read);
    assertArrayEquals(new double[] {0.25}, read.mean());
    String json = Files.readString(dir.resolve("manifest.json"));
    assertTrue(json.contains("\n  \"formatVersion\" : 1"), json);
    assertFalse(json.contains("pixels"), "derived values must not be stored: " + json);
    assertTrue(json.indexOf("\"a\"") < json.indexOf("\"b\""), "options are sorted: " + json);
  }

  @Test
  void openListsShardsInOrderAndTheyReadBackSorted() throws IOException {
    writeDataset();
    ShardDataset ds = ShardDataset.open(dir);
    assertEquals(2, ds.shardFiles().size());
    assertTrue(ds.shardFiles().get(0).endsWith("shards/pairs-00000-of-00002.bin"));
    long previous = -1;
    int n = 0;
    for (Path f : ds.shardFiles()) {
      try (ShardReader r = ShardReader.open(f)) {
        while (r.hasNext()) {
          ViewPair p = r.next();
          long key = p.epoch() * 3L + p.imageIndex();
          assertTrue(key > previous);
          previous = key;
          n++;
        }
      }
    }
    assertEquals(ds.manifest().pairs(), n);
  }

  @Test
  void directoryWithoutManifestIsNotADataset() throws IOException {
    Files.createDirectories(dir.resolve("shards"));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ShardDataset.open(dir));
    assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
    assertTrue(e.getMessage().contains("not a dataset"), e.getMessage());
    assertThrows(NoSuchFileException.class, () -> DatasetManifest.read(dir.resolve("nope")));
  }

  @Test
  void missingOrTruncatedShardIsReportedAtOpen() throws IOException {
    writeDataset();
    Path second = dir.resolve("shards/pairs-00001-of-00002.bin");
    byte[] bytes = Files.readAllBytes(second);
    Files.write(second, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    ShardFormatException e = assertThrows(ShardFormatException.class, () -> ShardDataset.open(dir));
    assertTrue(e.getMessage().contains("pairs-00001-of-00002.bin"), e.getMessage());
    assertTrue(e.getMessage().contains("bytes"), e.getMessage());
    Files.delete(second);
    e = assertThrows(ShardFormatException.class, () -> ShardDataset.open(dir));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void inconsistentManifestIsRejectedNamingTheKey() throws IOException {
    DatasetManifest m = writeDataset();
    new DatasetManifest(1, "tiny", "/src", "train", 3, 2, 7, SHAPE, m.mean(), m.std(), 42,
        "byol", m.options(), m.shards(), 0, m.createdAt()).write(dir);
    ShardFormatException e = assertThrows(ShardFormatException.class, () -> ShardDataset.open(dir));
    assertTrue(e.getMessage().contains("manifest.json") && e.getMessage().contains("pairs"),
        e.getMessage());
    Files.writeString(dir.resolve("manifest.json"), "{ not json");
    e = assertThrows(ShardFormatException.class, () -> DatasetManifest.read(dir));
    assertTrue(e.getMessage().contains("invalid manifest"), e.getMessage());
  }
}

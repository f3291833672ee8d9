package dev.sslbench.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.core.shard.ShardDataset;
import dev.sslbench.core.shard.ShardFormatException;
import dev.sslbench.training.TestDatasets;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardBatchLoaderTest {
  private static final ImageShape SHAPE = new ImageShape(2, 3, 3);

  @TempDir Path tmp;

  /**
   * Pairs whose view 1 is the same pattern for every pair, pixel (y, x, c) = 50 c + 3 y + x, and
   * whose view 2 is the constant {@code index % 256}, so batches can be checked value by value.
   */
  private ShardDataset patterned(int images, int shards) throws IOException {
    List<TestDatasets.Pair> pairs = new ArrayList<>();
    byte[] pattern = new byte[SHAPE.pixels()];
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        for (int c = 0; c < 3; c++) {
          pattern[(y * 3 + x) * 3 + c] = (byte) (50 * c + 3 * y + x);
        }
      }
    }
    for (int i = 0; i < images; i++) {
      byte[] constant = new byte[SHAPE.pixels()];
      java.util.Arrays.fill(constant, (byte) (i % 256));
      pairs.add(new TestDatasets.Pair(i, i % 10, constant, pattern.clone(), constant));
    }
    return TestDatasets.write(tmp.resolve("data"), "pattern", SHAPE, List.of(pairs), shards, 1);
  }

  private static List<PairBatch> drain(ShardBatchLoader loader, int epoch) {
    List<PairBatch> out = new ArrayList<>();
    try (ShardBatchLoader.EpochStream s = loader.epoch(epoch)) {
      s.forEachRemaining(out::add);
    }
    return out;
  }

  private static List<Long> order(List<PairBatch> batches) {
    List<Long> ids = new ArrayList<>();
    for (PairBatch b : batches) {
      for (long i : b.imageIndices()) {
        ids.add(i);
      }
    }
    return ids;
  }

  @Test
  void batchesAreNormalisedNchwWithTheManifestStatistics() throws IOException {
    ShardDataset ds = patterned(40, 2);
    DatasetManifest m = ds.manifest();
    double[] mean = m.mean();
    double[] std = m.std();
    List<PairBatch> batches = drain(new ShardBatchLoader(ds, 16, 8, 3), 0);
    PairBatch b = batches.get(1);
    int plane = 6;
    for (int n = 0; n < b.size(); n++) {
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < 2; y++) {
          for (int x = 0; x < 3; x++) {
            double raw = 50 * c + 3 * y + x;
            double expected = (raw / 255 - mean[c]) / std[c];
            assertEquals(expected, b.view1()[n * 18 + c * plane + y * 3 + x], 1e-5, "n=" + n + " c=" + c);
          }
        }
      }
      double v2 = ((b.imageIndices()[n] % 256) / 255.0 - mean[2]) / std[2];
      assertEquals(v2, b.view2()[n * 18 + 2 * plane + 5], 1e-5, "view 2 belongs to the same pair");
      assertEquals(b.imageIndices()[n] % 10, b.labels()[n]);
    }
  }

  @Test
  void anEpochYieldsFullBatchesOfDistinctPairsAndDropsTheRest() throws IOException {
    ShardBatchLoader loader = new ShardBatchLoader(patterned(300, 3), 64, 50, 7);
    assertEquals(4, loader.batchesPerEpoch());
    List<PairBatch> batches = drain(loader, 0);
    assertEquals(4, batches.size());
    List<Long> ids = order(batches);
    Set<Long> distinct = new HashSet<>(ids);
    assertEquals(256, distinct.size());
    assertTrue(ids.stream().allMatch(i -> i >= 0 && i < 300));
    double wait = loader.loaderWaitFraction();
    assertTrue(wait >= 0 && wait <= 1, "wait fraction " + wait);
  }

  @Test
  void shuffleIsSeededAndChangesPerEpoch() throws IOException {
    ShardDataset ds = patterned(200, 2);
    List<Long> a = order(drain(new ShardBatchLoader(ds, 20, 64, 7), 0));
    List<Long> b = order(drain(new ShardBatchLoader(ds, 20, 64, 7), 0));
    List<Long> nextEpoch = order(drain(new ShardBatchLoader(ds, 20, 64, 7), 1));
    List<Long> otherSeed = order(drain(new ShardBatchLoader(ds, 20, 64, 8), 0));
    assertEquals(a, b);
    assertNotEquals(a, nextEpoch);
    assertNotEquals(a, otherSeed);
    List<Long> sorted = new ArrayList<>(a);
    sorted.sort(null);
    assertNotEquals(sorted, a, "pairs must not come out in file order");
    // Every pair is in the epoch exactly once (200 = 10 full batches).
    assertEquals(200, new HashSet<>(a).size());
  }

  @Test
  void aTruncatedShardFailsTheConsumerWithFileAndRecord() throws IOException {
    ShardDataset ds = patterned(100, 2);
    Path second = ds.shardFiles().get(1);
    try (RandomAccessFile f = new RandomAccessFile(second.toFile(), "rw")) {
      f.setLength(f.length() - 5);
    }
    ShardBatchLoader loader = new ShardBatchLoader(ds, 10, 4, 1);
    ShardFormatException e =
        assertThrows(
            ShardFormatException.class,
            () -> {
              try (ShardBatchLoader.EpochStream s = loader.epoch(0)) {
                while (s.hasNext()) {
                  s.next();
                }
              }
            });
    assertEquals(second, e.file());
    assertEquals(49, e.record());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void closingEarlyStopsTheProducer() throws IOException {
    ShardBatchLoader loader = new ShardBatchLoader(patterned(300, 3), 2, 4, 1, 1);
    ShardBatchLoader.EpochStream s = loader.epoch(0);
    assertTrue(s.hasNext());
    s.next();
    s.close();
    assertFalse(Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("shard-loader-0") && t.isAlive()));
  }

  @Test
  void aDatasetSmallerThanOneBatchIsRejected() throws IOException {
    ShardDataset ds = patterned(10, 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ShardBatchLoader(ds, 16, 4, 1));
    assertTrue(e.getMessage().contains("10 pairs, fewer than one batch of 16"), e.getMessage());
  }
}

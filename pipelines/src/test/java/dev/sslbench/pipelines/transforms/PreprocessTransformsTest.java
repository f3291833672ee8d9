package dev.sslbench.pipelines.transforms;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.sslbench.core.augment.AugmentationPresets;
import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.core.shard.ShardDataset;
import dev.sslbench.core.shard.ShardEntry;
import dev.sslbench.core.shard.ShardReader;
import dev.sslbench.core.shard.ViewPair;
import dev.sslbench.pipelines.coders.LabeledImageCoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The composite transforms on small in-memory inputs (JUnit 4: TestPipeline is a rule). */
public class PreprocessTransformsTest {
  private static final ImageShape SHAPE = new ImageShape(2, 3, 1);

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private static LabeledImage image(int index, int... pixels) {
    byte[] px = new byte[pixels.length];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) pixels[i];
    }
    return new LabeledImage(index, index % 10, px);
  }

  private static List<LabeledImage> images() {
    return List.of(
        image(0, 0, 10, 20, 30, 40, 50),
        image(1, 255, 255, 0, 0, 1, 2),
        image(2, 9, 9), // wrong size: a dead letter
        image(3, 7, 7, 7, 7, 7, 7));
  }

  @Test
  public void channelStatsAreExactSumsOverTheUsableImages() {
    PCollection<ChannelStats> stats = p
        .apply(Create.of(images()).withCoder(LabeledImageCoder.of()))
        .apply(new ComputeChannelStats(SHAPE));
    PAssert.thatSingleton(stats).satisfies(s -> {
      assertEquals(18, s.values());
      long sum = 150 + 513 + 42;
      long sq = (100 + 400 + 900 + 1600 + 2500) + (2 * 65025 + 1 + 4) + 6 * 49;
      assertArrayEquals(new long[] {sum}, s.sum());
      assertArrayEquals(new long[] {sq}, s.sumSquares());
      double mean = sum / 18.0;
      assertEquals(mean / 255, s.mean()[0], 1e-12);
      assertEquals(Math.sqrt(sq / 18.0 - mean * mean) / 255, s.std()[0], 1e-12);
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  public void augmentPairsDeadLettersAWrongSizedImageForEveryEpoch() {
    PCollectionTuple out = p
        .apply(Create.of(images()).withCoder(LabeledImageCoder.of()))
        .apply(new AugmentPairs(AugmentationPresets.byol(SHAPE), SHAPE, 0, 3));
    PAssert.thatSingleton(out.get(AugmentPairs.PAIRS).apply("CountPairs", Count.globally()))
        .isEqualTo(9L);
    PAssert.that(out.get(AugmentPairs.DEAD_LETTERS)).satisfies(letters -> {
      int n = 0;
      for (DeadLetter d : letters) {
        assertEquals(2, d.imageIndex());
        assertEquals("AugmentPairs", d.stage());
        assertTrue(d.reason(), d.reason().contains("2 bytes"));
        n++;
      }
      assertEquals(3, n);
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  public void deadLettersAreWrittenCountedAndLeaveAnEmptyButValidShard() throws IOException {
    Path dir = folder.newFolder("ds").toPath();
    PCollection<LabeledImage> imgs =
        p.apply(Create.of(images()).withCoder(LabeledImageCoder.of()));
    PCollectionTuple aug = imgs.apply("AugmentPairs",
        new AugmentPairs(AugmentationPresets.byName("none", SHAPE), SHAPE, 0, 1));
    PCollection<ShardEntry> shards = aug.get(AugmentPairs.PAIRS)
        .apply("WriteShards", new WriteShards(dir, SHAPE, 4, 4, 1));
    PCollection<Long> dead = aug.get(AugmentPairs.DEAD_LETTERS)
        .apply("WriteDeadLetters", new WriteDeadLetters(dir));
    DatasetManifest template = new DatasetManifest(1, "tiny", "mem", "train", 4, 1, 0, SHAPE,
        null, null, 0, "none", Map.of(), List.of(), 0, "2024-01-01T00:00:00Z");
    shards.apply("WriteManifest", new WriteManifest(template, dir,
        imgs.apply("Stats", new ComputeChannelStats(SHAPE)), dead));
    p.run().waitUntilFinish();

    ShardDataset ds = ShardDataset.open(dir);
    DatasetManifest m = ds.manifest();
    assertEquals(3, m.pairs());
    assertEquals(1, m.deadLetters());
    assertEquals(List.of(1L, 1L, 0L, 1L), m.shards().stream().map(ShardEntry::pairs).toList());
    try (ShardReader r = ShardReader.open(ds.shardFiles().get(2))) {
      assertEquals(SHAPE, r.shape());
      assertTrue(!r.hasNext());
    }
    try (ShardReader r = ShardReader.open(ds.shardFiles().get(3))) {
      ViewPair last = r.next();
      assertEquals(3, last.imageIndex());
      assertArrayEquals(images().get(3).pixels(), last.view1());
    }
    List<String> lines = Files.readAllLines(dir.resolve(ShardDataset.DEAD_LETTERS_FILE));
    assertEquals(1, lines.size());
    assertTrue(lines.get(0), lines.get(0).contains("\"imageIndex\":2"));
  }
}

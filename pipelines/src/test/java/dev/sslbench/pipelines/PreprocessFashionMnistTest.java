package dev.sslbench.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static dev.sslbench.pipelines.PreprocessTest.options;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sslbench.core.data.IdxDataset;
import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.core.shard.ShardDataset;
import dev.sslbench.core.shard.ShardEntry;
import dev.sslbench.core.shard.ShardReader;
import dev.sslbench.core.shard.ViewPair;
import dev.sslbench.pipelines.transforms.WriteShards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Determinism and statistics of preprocess runs on the first images of real Fashion-MNIST. */
class PreprocessFashionMnistTest {
  private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
  private static final int LIMIT = 200;

  @TempDir static Path tmp;

  private static Path serial;
  private static Path parallel;
  private static Path otherSeed;

  @BeforeAll
  static void runFashionMnistThreeTimes() throws IOException {
    assumeTrue(Files.isDirectory(FASHION), "Fashion-MNIST is not installed");
    serial = tmp.resolve("serial");
    parallel = tmp.resolve("parallel");
    otherSeed = tmp.resolve("seed2");
    String[] common = {"--input=" + FASHION, "--limit=" + LIMIT, "--numShards=4", "--seed=7"};
    Preprocess.run(options(concat(common, "--output=" + serial, "--targetParallelism=1")));
    Preprocess.run(options(concat(common, "--output=" + parallel, "--targetParallelism=4")));
    Preprocess.run(options("--input=" + FASHION, "--limit=" + LIMIT, "--numShards=4", "--seed=8",
        "--output=" + otherSeed, "--targetParallelism=4"));
  }

  private static String[] concat(String[] a, String... b) {
    return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
  }

  @Test
  void outputIsByteIdenticalWhateverTheParallelism() throws IOException {
    ShardDataset a = ShardDataset.open(serial);
    ShardDataset b = ShardDataset.open(parallel);
    assertEquals(4, a.shardFiles().size());
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(Files.readAllBytes(a.shardFiles().get(i)),
          Files.readAllBytes(b.shardFiles().get(i)), "shard " + i);
    }
    assertEquals(withoutTimestamp(a.manifest()), withoutTimestamp(b.manifest()));
  }

  @Test
  void anotherSeedGivesOtherViews() throws IOException {
    ShardDataset a = ShardDataset.open(serial);
    ShardDataset c = ShardDataset.open(otherSeed);
    for (int i = 0; i < 4; i++) {
      assertFalse(Arrays.equals(Files.readAllBytes(a.shardFiles().get(i)),
          Files.readAllBytes(c.shardFiles().get(i))), "shard " + i);
      assertNotEquals(a.manifest().shards().get(i).sha256(), c.manifest().shards().get(i).sha256());
    }
    assertArrayEquals(a.manifest().mean(), c.manifest().mean(), "stats describe the sources");
  }

  @Test
  void manifestCountsShapeAndStatisticsAreRight() throws IOException, NoSuchAlgorithmException {
    DatasetManifest m = ShardDataset.open(serial).manifest();
    assertEquals(LIMIT, m.images());
    assertEquals(2, m.augmentationEpochs());
    assertEquals(2 * LIMIT, m.pairs());
    assertEquals(0, m.deadLetters());
    assertEquals(new ImageShape(28, 28, 1), m.shape());
    assertEquals("fashion-mnist", m.dataset());
    assertEquals("train", m.split());
    assertEquals("byol", m.preset());
    assertEquals(7, m.seed());
    assertEquals(FASHION.toString(), m.source());

    List<LabeledImage> images = IdxDataset.of(FASHION, "train").load(LIMIT);
    double sum = 0;
    long n = 0;
    for (LabeledImage img : images) {
      for (byte b : img.pixels()) {
        sum += (b & 0xff) / 255.0;
        n++;
      }
    }
    double mean = sum / n;
    double sq = 0;
    for (LabeledImage img : images) {
      for (byte b : img.pixels()) {
        double d = (b & 0xff) / 255.0 - mean;
        sq += d * d;
      }
    }
    assertEquals(mean, m.mean()[0], 1e-12);
    assertEquals(Math.sqrt(sq / n), m.std()[0], 1e-12);
    // Fashion-MNIST's well-known statistics are about 0.286 / 0.353.
    assertEquals(0.286, m.mean()[0], 0.03);

    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (ShardEntry e : m.shards()) {
      byte[] bytes = Files.readAllBytes(serial.resolve(e.file()));
      assertEquals(HexFormat.of().formatHex(sha.digest(bytes)), e.sha256(), e.file());
    }
  }

  @Test
  void shardsHoldContiguousSortedRangesWithTheSourceLabels() throws IOException {
    ShardDataset ds = ShardDataset.open(serial);
    List<LabeledImage> images = IdxDataset.of(FASHION, "train").load(LIMIT);
    long expectedK = 0;
    for (int s = 0; s < ds.shardFiles().size(); s++) {
      try (ShardReader r = ShardReader.open(ds.shardFiles().get(s))) {
        while (r.hasNext()) {
          ViewPair p = r.next();
          assertEquals(expectedK, p.epoch() * (long) LIMIT + p.imageIndex());
          assertEquals(s, WriteShards.shardOf(p.imageIndex(), p.epoch(), LIMIT, 2, 4));
          assertEquals(images.get((int) p.imageIndex()).label(), p.label());
          assertFalse(Arrays.equals(p.view1(), p.view2()), "two different views");
          expectedK++;
        }
      }
    }
    assertEquals(2L * LIMIT, expectedK);
  }

  private static DatasetManifest withoutTimestamp(DatasetManifest m) {
    return new DatasetManifest(m.formatVersion(), m.dataset(), m.source(), m.split(), m.images(),
        m.augmentationEpochs(), m.pairs(), m.shape(), m.mean(), m.std(), m.seed(), m.preset(),
        m.options(), m.shards(), m.deadLetters(), "");
  }
}

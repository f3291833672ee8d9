package dev.sslbench.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sslbench.core.data.DatasetFormatException;
import dev.sslbench.core.data.IdxDataset;
import dev.sslbench.core.data.IdxFixtures;
import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.core.shard.ShardDataset;
import dev.sslbench.core.shard.ShardReader;
import dev.sslbench.core.shard.ViewPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runs of the preprocess driver on the DirectRunner over small IDX fixtures. */
class PreprocessTest {
  @TempDir Path tmp;

  static PreprocessOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).withValidation().as(PreprocessOptions.class);
  }

  @Test
  void nonePresetStoresTheSourceImagesUnchanged() throws IOException {
    Path src = IdxFixtures.writeTrainSplit(tmp.resolve("fixture-none"), 30, 5, 7, true);
    Path out = tmp.resolve("none-out");
    DatasetManifest m = Preprocess.run(options("--input=" + src, "--output=" + out,
        "--preset=none", "--augmentationEpochs=1", "--numShards=3", "--datasetName=fixture"));
    assertEquals(new ImageShape(5, 7, 1), m.shape());
    assertEquals(30, m.pairs());
    List<LabeledImage> images = IdxDataset.of(src, "train").load(0);
    List<ViewPair> pairs = readAll(ShardDataset.open(out));
    assertEquals(30, pairs.size());
    for (ViewPair p : pairs) {
      LabeledImage img = images.get((int) p.imageIndex());
      assertArrayEquals(img.pixels(), p.view1());
      assertArrayEquals(img.pixels(), p.view2());
      assertEquals(img.label(), p.label());
    }
  }

  @Test
  void failedRunKeepsThePreviousOutputAndLeavesNoTemporaryDirectory() throws IOException {
    Path good = IdxFixtures.writeTrainSplit(tmp.resolve("fixture-good"), 40, 6, 6, false);
    Path out = tmp.resolve("kept");
    Preprocess.run(options("--input=" + good, "--output=" + out, "--numShards=2"));
    byte[] manifestBefore = Files.readAllBytes(out.resolve("manifest.json"));
    byte[] shardBefore = Files.readAllBytes(out.resolve("shards/pairs-00001-of-00002.bin"));

    // Same header, but the file ends inside image 25: only reading the data finds it.
    Path bad = IdxFixtures.writeTrainSplit(tmp.resolve("fixture-bad"), 40, 6, 6, false);
    Path badImages = bad.resolve("train-images-idx3-ubyte");
    byte[] bytes = Files.readAllBytes(badImages);
    Files.write(badImages, Arrays.copyOf(bytes, 16 + 25 * 36 + 10));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () ->
        Preprocess.run(options("--input=" + bad, "--output=" + out, "--numShards=2")));
    assertEquals(badImages, e.file());
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("record 25"),
        e.getMessage());

    assertArrayEquals(manifestBefore, Files.readAllBytes(out.resolve("manifest.json")));
    assertArrayEquals(
        shardBefore, Files.readAllBytes(out.resolve("shards/pairs-00001-of-00002.bin")));
    ShardDataset.open(out);
    assertEquals(List.of(), leftovers(out));
  }

  @Test
  void badHeaderFailsBeforeAnythingIsCreated() throws IOException {
    Path src = IdxFixtures.writeTrainSplit(tmp.resolve("fixture-magic"), 3, 2, 2, false);
    // Swap images and labels: the images file now has the labels' magic number.
    Path images = src.resolve("train-images-idx3-ubyte");
    Path labels = src.resolve("train-labels-idx1-ubyte");
    byte[] imageBytes = Files.readAllBytes(images);
    Files.write(images, Files.readAllBytes(labels));
    Files.write(labels, imageBytes);
    Path out = tmp.resolve("never");
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> Preprocess.run(options("--input=" + src, "--output=" + out)));
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte")
        && e.getMessage().contains("wrong magic number"), e.getMessage());
    assertFalse(Files.exists(out));
    assertEquals(List.of(), leftovers(out));

    DatasetFormatException missing = assertThrows(DatasetFormatException.class,
        () -> Preprocess.run(options("--input=" + tmp.resolve("nowhere"), "--output=" + out)));
    assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
  }

  @Test
  void successfulRerunReplacesTheOutputAndRefusesForeignDirectories() throws IOException {
    Path src = IdxFixtures.writeTrainSplit(tmp.resolve("fixture-rerun"), 12, 4, 4, true);
    Path out = tmp.resolve("rerun");
    DatasetManifest first = Preprocess.run(options("--input=" + src, "--output=" + out,
        "--numShards=3", "--seed=1"));
    DatasetManifest second = Preprocess.run(options("--input=" + src, "--output=" + out,
        "--numShards=2", "--seed=2"));
    assertEquals(3, first.shards().size());
    assertEquals(second, DatasetManifest.read(out));
    try (Stream<Path> files = Files.list(out.resolve("shards"))) {
      assertEquals(2, files.count(), "old shards are gone");
    }
    assertEquals(List.of(), leftovers(out));

    Path foreign = tmp.resolve("foreign");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("notes.txt"), "keep me");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Preprocess.run(options("--input=" + src, "--output=" + foreign)));
    assertTrue(e.getMessage().contains("not a dataset"), e.getMessage());
    assertEquals("keep me", Files.readString(foreign.resolve("notes.txt")));
  }

  @Test
  void invalidOptionsAreRejectedWithTheOptionNamed() {
    Path out = tmp.resolve("invalid");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Preprocess.run(options("--output=" + out, "--format=png")));
    assertTrue(e.getMessage().contains("--format=png"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Preprocess.run(options("--output=" + out, "--preset=fancy", "--limit=5")));
    assertTrue(e.getMessage().contains("fancy"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Preprocess.run(options("--output=" + out, "--numShards=0")));
    assertTrue(e.getMessage().contains("--numShards"), e.getMessage());
  }

  private static List<ViewPair> readAll(ShardDataset ds) throws IOException {
    List<ViewPair> out = new ArrayList<>();
    for (Path f : ds.shardFiles()) {
      try (ShardReader r = ShardReader.open(f)) {
        r.forEachRemaining(out::add);
      }
    }
    return out;
  }

  /** Temporary or moved-aside siblings of {@code out} that a run left behind. */
  private static List<String> leftovers(Path out) throws IOException {
    try (Stream<Path> siblings = Files.list(out.getParent())) {
      String prefix = out.getFileName() + ".";
      return siblings.map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith(prefix)).toList();
    }
  }
}

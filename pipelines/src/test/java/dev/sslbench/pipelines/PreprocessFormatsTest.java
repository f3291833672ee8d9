package dev.sslbench.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sslbench.core.data.ImageDataset;
import dev.sslbench.core.data.SourceFixtures;
import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.core.shard.ShardDataset;
import dev.sslbench.core.shard.ShardReader;
import dev.sslbench.core.shard.ViewPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preprocess runs over the non-IDX source formats, selected by {@code --format}. */
class PreprocessFormatsTest {
  @TempDir Path tmp;

  private static PreprocessOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).withValidation().as(PreprocessOptions.class);
  }

  private static List<ViewPair> readAll(Path dir) throws IOException {
    List<ViewPair> out = new ArrayList<>();
    for (Path f : ShardDataset.open(dir).shardFiles()) {
      try (ShardReader r = ShardReader.open(f)) {
        r.forEachRemaining(out::add);
      }
    }
    return out;
  }

  @Test
  void cifar10ShardsHoldTheHwcImagesAndLabels() throws IOException {
    Path src = SourceFixtures.writeCifar10(tmp.resolve("c10"), new int[] {2, 1, 1, 1, 1}, 1);
    Path out = tmp.resolve("c10-out");
    DatasetManifest m = Preprocess.run(options("--input=" + src, "--output=" + out,
        "--format=cifar10", "--preset=none", "--augmentationEpochs=1", "--numShards=2",
        "--datasetName=cifar10"));
    assertEquals(new ImageShape(32, 32, 3), m.shape());
    assertEquals(6, m.pairs());
    assertEquals("cifar10", m.options().get("format"));
    assertTrue(m.options().get("files").startsWith("data_batch_1.bin,"), m.options().toString());
    List<ViewPair> pairs = readAll(out);
    assertEquals(6, pairs.size());
    for (ViewPair p : pairs) {
      int i = (int) p.imageIndex();
      assertArrayEquals(SourceFixtures.hwc(i, 32, 32, 3), p.view1(), "image " + i);
      assertArrayEquals(p.view1(), p.view2());
      assertEquals(SourceFixtures.cifar10Label(i), p.label());
    }
  }

  @Test
  void cifar100CoarseLabelsAndStl10UnlabeledReachTheShards() throws IOException {
    Path c100 = SourceFixtures.writeCifar100(tmp.resolve("c100"), 3);
    Path out = tmp.resolve("c100-out");
    DatasetManifest m = Preprocess.run(options("--input=" + c100, "--output=" + out,
        "--format=cifar100", "--cifar100Label=coarse", "--preset=simclr",
        "--augmentationEpochs=2", "--numShards=1"));
    assertEquals("coarse", m.options().get("cifar100Label"));
    assertEquals("simclr", m.preset());
    for (ViewPair p : readAll(out)) {
      assertEquals(SourceFixtures.coarseLabel((int) p.imageIndex()), p.label());
    }

    Path stl = SourceFixtures.writeStl10(tmp.resolve("stl"), "unlabeled", 2);
    Path stlOut = tmp.resolve("stl-out");
    DatasetManifest s = Preprocess.run(options("--input=" + stl, "--output=" + stlOut,
        "--format=stl10", "--split=unlabeled", "--preset=none", "--augmentationEpochs=1",
        "--numShards=1"));
    assertEquals(new ImageShape(96, 96, 3), s.shape());
    List<ViewPair> pairs = readAll(stlOut);
    assertEquals(2, pairs.size());
    assertEquals(ImageDataset.UNLABELED, pairs.get(1).label());
    assertArrayEquals(SourceFixtures.hwc(1, 96, 96, 3), pairs.get(1).view1());
  }

  @Test
  void aCorruptImageIsDeadLetteredAndTheRunFinishesWithTheGoodOnes() throws IOException {
    Path src = tmp.resolve("folder");
    for (int i = 0; i < 4; i++) {
      SourceFixtures.writePng(src.resolve("train/" + (i % 2 == 0 ? "a" : "b") + "/img" + i
          + ".png"), i, 6, 5);
    }
    Path broken = src.resolve("train/b/img9.png");
    Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
    Path out = tmp.resolve("folder-out");
    DatasetManifest m = Preprocess.run(options("--input=" + src, "--output=" + out,
        "--format=folder", "--preset=byol", "--augmentationEpochs=2", "--numShards=2"));
    assertEquals(5, m.images());
    assertEquals(8, m.pairs());
    assertEquals(2, m.deadLetters());
    // a/img0, a/img2, b/img1, b/img3, b/img9: the broken file is record 4.
    List<ViewPair> pairs = readAll(out);
    assertEquals(8, pairs.size());
    assertFalse(pairs.stream().anyMatch(p -> p.imageIndex() == 4));
    assertEquals(1, pairs.stream().filter(p -> p.imageIndex() == 2).findFirst().get().label());

    List<String> lines = Files.readAllLines(out.resolve(ShardDataset.DEAD_LETTERS_FILE));
    assertEquals(2, lines.size());
    ObjectMapper json = new ObjectMapper();
    for (int epoch = 0; epoch < 2; epoch++) {
      JsonNode d = json.readTree(lines.get(epoch));
      assertEquals(4, d.get("imageIndex").asLong());
      assertEquals(epoch, d.get("epoch").asInt());
      assertEquals("ReadImages", d.get("stage").asText());
      assertEquals(broken.toAbsolutePath().toString(), d.get("source").asText());
      assertTrue(d.get("reason").asText().contains("decod"), d.get("reason").asText());
    }
  }

  @Test
  void anEmptyDatasetFailsWithAClearMessage() throws IOException {
    Path src = SourceFixtures.writeCifar10(tmp.resolve("empty"), new int[] {1, 0, 0, 0, 0}, 0);
    Path out = tmp.resolve("empty-out");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Preprocess.run(options("--input=" + src, "--output=" + out, "--format=cifar10",
            "--split=test")));
    assertTrue(e.getMessage().contains("holds no images"), e.getMessage());
    assertFalse(Files.exists(out));

    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> Preprocess.run(options("--input=" + src, "--output=" + out, "--format=cifar100",
            "--cifar100Label=both")));
    assertTrue(label.getMessage().contains("--cifar100Label"), label.getMessage());
  }
}

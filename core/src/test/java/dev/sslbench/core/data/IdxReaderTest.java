package dev.sslbench.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sslbench.core.shard.ImageShape;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  @TempDir Path tmp;

  private static List<LabeledImage> readAll(IdxImages in) throws IOException {
    List<LabeledImage> out = new ArrayList<>();
    try (in) {
      for (LabeledImage img : in) {
        out.add(img);
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void decodesPixelsAndLabelsExactly(boolean gzip) throws IOException {
    Path images = IdxFixtures.writeImages(tmp.resolve("img"), 7, 3, 4, gzip);
    Path labels = IdxFixtures.writeLabels(tmp.resolve("lab"), 7, gzip);
    IdxImages in = IdxReader.open(images, labels);
    assertEquals(new ImageShape(3, 4, 1), in.shape());
    assertEquals(7, in.count());
    List<LabeledImage> all = readAll(in);
    assertEquals(7, all.size());
    for (int i = 0; i < 7; i++) {
      LabeledImage img = all.get(i);
      assertEquals(i, img.index());
      assertEquals(IdxFixtures.label(i), img.label());
      byte[] expected = new byte[12];
      for (int p = 0; p < 12; p++) {
        expected[p] = IdxFixtures.pixel(i, p);
      }
      assertTrue(Arrays.equals(expected, img.pixels()), "image " + i);
    }
  }

  @Test
  void limitReadsOnlyTheFirstImages() throws IOException {
    Path images = IdxFixtures.writeImages(tmp.resolve("img"), 10, 2, 2, true);
    Path labels = IdxFixtures.writeLabels(tmp.resolve("lab"), 10, true);
    List<LabeledImage> first = readAll(IdxReader.open(images, labels, 3));
    assertEquals(3, first.size());
    assertEquals(2, first.get(2).index());
    assertEquals(10, readAll(IdxReader.open(images, labels, 50)).size());
  }

  @Test
  void missingFileIsNamed() {
    Path missing = tmp.resolve("nope-images");
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> IdxReader.open(missing, tmp.resolve("nope-labels")));
    assertEquals(missing, e.file());
    assertTrue(e.getMessage().contains("nope-images") && e.getMessage().contains("not found"),
        e.getMessage());
  }

  @Test
  void wrongMagicIsNamed() throws IOException {
    Path images = IdxFixtures.writeImages(tmp.resolve("img"), 2, 2, 2, false);
    Path labels = IdxFixtures.writeLabels(tmp.resolve("lab"), 2, false);
    // Labels given where images are expected.
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> IdxReader.open(labels, images));
    assertEquals(labels, e.file());
    assertTrue(e.getMessage().contains("wrong magic number 0x00000801, expected 0x00000803"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void truncatedFileNamesTheRecordWhereItEnded(boolean gzip) throws IOException {
    Path full = IdxFixtures.writeImages(tmp.resolve("full"), 5, 4, 4, false);
    byte[] bytes = Files.readAllBytes(full);
    // Header 16 bytes, then 16 bytes per image: cut in the middle of image 3.
    byte[] cut = Arrays.copyOf(bytes, 16 + 3 * 16 + 5);
    Path images = tmp.resolve("cut");
    try (var out = gzip ? new java.util.zip.GZIPOutputStream(Files.newOutputStream(images))
        : Files.newOutputStream(images)) {
      out.write(cut);
    }
    Path labels = IdxFixtures.writeLabels(tmp.resolve("lab"), 5, gzip);
    IdxImages in = IdxReader.open(images, labels);
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> readAll(in));
    assertEquals(images, e.file());
    assertEquals(3, e.record());
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("record 3"),
        e.getMessage());
  }

  @Test
  void cutGzipStreamIsReportedAsTruncated() throws IOException {
    Path images = IdxFixtures.writeImages(tmp.resolve("img.gz"), 50, 8, 8, true);
    byte[] bytes = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(bytes, bytes.length / 2));
    Path labels = IdxFixtures.writeLabels(tmp.resolve("lab.gz"), 50, true);
    IdxImages in = IdxReader.open(images, labels);
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> readAll(in));
    assertEquals(images, e.file());
    assertTrue(e.record() > 0 && e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void countMismatchNamesBothFiles() throws IOException {
    Path images = IdxFixtures.writeImages(tmp.resolve("img"), 4, 2, 2, false);
    Path labels = IdxFixtures.writeLabels(tmp.resolve("lab"), 5, false);
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> IdxReader.open(images, labels));
    assertTrue(e.getMessage().contains("image count 4 differs from label count 5"), e.getMessage());
    assertTrue(e.getMessage().contains(images.toString()) && e.getMessage().contains("lab"),
        e.getMessage());
  }

  @Test
  void zeroSizedDimensionsAreRejected() throws IOException {
    Path images = tmp.resolve("img");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(images))) {
      out.writeInt(IdxReader.IMAGES_MAGIC);
      out.writeInt(1);
      out.writeInt(0);
      out.writeInt(28);
    }
    Path labels = IdxFixtures.writeLabels(tmp.resolve("lab"), 1, false);
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> IdxReader.open(images, labels));
    assertTrue(e.getMessage().contains("zero-sized"), e.getMessage());
  }

  @Test
  void datasetFindsGzipOrPlainNamesPerSplit() throws IOException {
    IdxFixtures.writeTrainSplit(tmp.resolve("gz"), 3, 2, 2, true);
    IdxFixtures.writeTrainSplit(tmp.resolve("plain"), 3, 2, 2, false);
    IdxDataset gz = IdxDataset.of(tmp.resolve("gz"), "train");
    IdxDataset plain = IdxDataset.of(tmp.resolve("plain"), "train");
    assertTrue(gz.imagesFile().toString().endsWith("train-images-idx3-ubyte.gz"));
    assertTrue(plain.imagesFile().toString().endsWith("train-images-idx3-ubyte"));
    assertEquals(gz.load(0), plain.load(0));
    assertEquals(2, plain.load(2).size());
    assertEquals(3, plain.count(0));
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> IdxDataset.of(tmp.resolve("gz"), "test"));
    assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> IdxDataset.of(tmp, "val"));
  }

  @Test
  void readsRealFashionMnistTestSplitWhenInstalled() throws IOException {
    Path dir = Path.of("/usr/share/datasets/fashion-mnist");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir));
    IdxDataset test = IdxDataset.of(dir, "test");
    assertEquals(new ImageShape(28, 28, 1), test.shape());
    assertEquals(10_000, test.count(0));
    List<LabeledImage> first = test.load(5);
    // The first five Fashion-MNIST test labels: ankle boot, pullover, trouser, trouser, shirt.
    assertEquals(List.of(9, 2, 1, 1, 6), first.stream().map(LabeledImage::label).toList());
  }
}

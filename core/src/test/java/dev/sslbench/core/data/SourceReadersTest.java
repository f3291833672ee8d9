package dev.sslbench.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sslbench.core.shard.ImageShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceReadersTest {
  @TempDir Path tmp;

  private static List<SourceRecord> readAll(ImageDataset d, long limit) throws IOException {
    List<SourceRecord> out = new ArrayList<>();
    try (ImageRecords r = d.records(limit)) {
      assertEquals(d.shape(), r.shape());
      r.forEach(out::add);
      assertEquals(r.count(), out.size());
    }
    return out;
  }

  @Test
  void cifar10ConvertsPlanarChwToHwcAcrossAllFiveBatches() throws IOException {
    Path dir = SourceFixtures.writeCifar10(tmp.resolve("c10"), new int[] {2, 0, 3, 1, 1}, 2);
    ImageDataset d = ImageDatasets.open("cifar10", dir, "train");
    assertEquals(new ImageShape(32, 32, 3), d.shape());
    assertEquals(7, d.count(0));
    List<SourceRecord> all = readAll(d, 0);
    for (int i = 0; i < 7; i++) {
      SourceRecord r = all.get(i);
      assertFalse(r.isBad());
      assertEquals(i, r.index());
      assertEquals(SourceFixtures.cifar10Label(i), r.image().label());
      assertArrayEquals(SourceFixtures.hwc(i, 32, 32, 3), r.image().pixels(), "image " + i);
    }
    assertTrue(all.get(2).source().endsWith("data_batch_3.bin"), all.get(2).source());
    assertTrue(all.get(6).source().endsWith("data_batch_5.bin"), all.get(6).source());

    // Straight from the published layout: byte 1 + ch * 1024 + y * 32 + x is pixel (y, x, ch).
    byte[] raw = Files.readAllBytes(dir.resolve("data_batch_1.bin"));
    byte[] px = all.get(0).image().pixels();
    assertEquals(raw[1], px[0]);
    assertEquals(raw[1 + 1024], px[1]);
    assertEquals(raw[1 + 2048], px[2]);
    assertEquals(raw[1 + 2048 + 5 * 32 + 9], px[(5 * 32 + 9) * 3 + 2]);
    assertEquals(raw[0], (byte) all.get(0).image().label());

    assertEquals(3, readAll(d, 3).size());
    List<SourceRecord> test = readAll(ImageDatasets.open("cifar10", dir, "test"), 0);
    assertEquals(2, test.size());
    assertArrayEquals(SourceFixtures.hwc(1, 32, 32, 3), test.get(1).image().pixels());
  }

  @Test
  void cifar100PicksTheCoarseOrFineLabel() throws IOException {
    Path dir = SourceFixtures.writeCifar100(tmp.resolve("c100"), 4);
    List<SourceRecord> fine = readAll(ImageDatasets.open("cifar100", dir, "train"), 0);
    List<SourceRecord> coarse = readAll(ImageDatasets.open("cifar100", dir, "train",
        CifarDataset.Cifar100Label.parse("coarse")), 0);
    for (int i = 0; i < 4; i++) {
      assertEquals(SourceFixtures.fineLabel(i), fine.get(i).image().label());
      assertEquals(SourceFixtures.coarseLabel(i), coarse.get(i).image().label());
      assertArrayEquals(SourceFixtures.hwc(i, 32, 32, 3), fine.get(i).image().pixels());
    }
    byte[] raw = Files.readAllBytes(dir.resolve("train.bin"));
    assertEquals(raw[2 + 1024 + 31], fine.get(0).image().pixels()[31 * 3 + 1]);
    assertThrows(IllegalArgumentException.class, () -> CifarDataset.Cifar100Label.parse("mid"));
  }

  @Test
  void stl10TransposesColumnMajorPlanesAndShiftsLabels() throws IOException {
    Path dir = SourceFixtures.writeStl10(tmp.resolve("stl"), "train", 3);
    ImageDataset d = ImageDatasets.open("stl10", dir, "train");
    assertEquals(new ImageShape(96, 96, 3), d.shape());
    List<SourceRecord> all = readAll(d, 0);
    assertEquals(3, all.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(SourceFixtures.stlLabelByte(i) - 1, all.get(i).image().label());
      assertArrayEquals(SourceFixtures.hwc(i, 96, 96, 3), all.get(i).image().pixels());
    }
    // Byte ch * 9216 + x * 96 + y is pixel (y, x, ch).
    byte[] raw = Files.readAllBytes(dir.resolve("train_X.bin"));
    byte[] px = all.get(0).image().pixels();
    assertEquals(raw[96], px[3], "column 1 of row 0 is the 97th byte");
    assertEquals(raw[1], px[96 * 3], "row 1 of column 0 is the 2nd byte");
    assertEquals(raw[2 * 9216 + 10 * 96 + 4], px[(4 * 96 + 10) * 3 + 2]);

    Path u = SourceFixtures.writeStl10(tmp.resolve("stl"), "unlabeled", 2);
    List<SourceRecord> unlabeled = readAll(ImageDatasets.open("stl10", u, "unlabeled"), 1);
    assertEquals(1, unlabeled.size());
    assertEquals(ImageDataset.UNLABELED, unlabeled.get(0).image().label());
  }

  @Test
  void stl10LabelOutOfRangeIsABadRecordAndCountMismatchAWholeFileError() throws IOException {
    Path dir = SourceFixtures.writeStl10(tmp.resolve("stl"), "test", 3);
    Path y = dir.resolve("test_y.bin");
    Files.write(y, new byte[] {1, 11, 2});
    List<SourceRecord> all = readAll(ImageDatasets.open("stl10", dir, "test"), 0);
    assertFalse(all.get(0).isBad());
    assertTrue(all.get(1).isBad());
    assertEquals(1, all.get(1).index());
    assertTrue(all.get(1).badReason().contains("label 11"), all.get(1).badReason());
    assertEquals(y.toString(), all.get(1).source());
    assertEquals(1, all.get(2).image().label());

    Files.write(y, new byte[] {1, 2});
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> ImageDatasets.open("stl10", dir, "test").records(0));
    assertTrue(e.getMessage().contains("differs from label count 2"), e.getMessage());
  }

  @Test
  void aLengthThatIsNotAWholeNumberOfRecordsIsAWholeFileError() throws IOException {
    Path dir = SourceFixtures.writeCifar10(tmp.resolve("c10"), new int[] {1, 1, 1, 1, 1}, 1);
    Path batch = dir.resolve("data_batch_4.bin");
    byte[] b = Files.readAllBytes(batch);
    Files.write(batch, Arrays.copyOf(b, b.length - 100));
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> ImageDatasets.open("cifar10", dir, "train").records(0));
    assertEquals(batch, e.file());
    assertEquals(-1, e.record());
    assertTrue(e.getMessage().contains("not a multiple of the 3073-byte record"), e.getMessage());

    Files.delete(dir.resolve("data_batch_2.bin"));
    DatasetFormatException missing = assertThrows(DatasetFormatException.class,
        () -> ImageDatasets.open("cifar10", dir, "train"));
    assertTrue(missing.getMessage().contains("data_batch_2.bin: file not found"),
        missing.getMessage());

    Path stl = SourceFixtures.writeStl10(tmp.resolve("stl"), "unlabeled", 1);
    Files.write(stl.resolve("unlabeled_X.bin"), new byte[27648 + 1]);
    assertThrows(DatasetFormatException.class,
        () -> ImageDatasets.open("stl10", stl, "unlabeled").count(0));
  }

  @Test
  void folderLabelsSortedClassesAndMarksCorruptOrMisSizedImagesBad() throws IOException {
    Path root = tmp.resolve("folder");
    SourceFixtures.writePng(root.resolve("train/dog/b.png"), 0, 5, 4);
    SourceFixtures.writePng(root.resolve("train/dog/a.png"), 1, 5, 4);
    SourceFixtures.writePng(root.resolve("train/cat/z.png"), 2, 5, 4);
    Files.write(root.resolve("train/cat/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1});
    SourceFixtures.writePng(root.resolve("train/cat/zz.png"), 3, 6, 4);
    Files.writeString(root.resolve("train/cat/notes.txt"), "not an image");

    ImageFolderDataset d = (ImageFolderDataset) ImageDatasets.open("folder", root, "train");
    assertEquals(List.of("cat", "dog"), d.classes());
    assertEquals(new ImageShape(5, 4, 3), d.shape());
    assertEquals(5, d.count(0));
    List<SourceRecord> all = readAll(d, 0);
    // cat/broken.png, cat/z.png, cat/zz.png, dog/a.png, dog/b.png; z.png, the first that
    // decodes, fixes the shape.
    assertTrue(all.get(0).isBad());
    assertTrue(all.get(0).source().endsWith("broken.png"));
    assertTrue(all.get(2).isBad());
    assertTrue(all.get(2).badReason().contains("6x4x3"), all.get(2).badReason());
    int[] expectImage = {-1, 2, -1, 1, 0};
    int[] expectLabel = {-1, 0, -1, 1, 1};
    for (int k = 1; k < 5; k++) {
      if (k == 2) {
        continue;
      }
      SourceRecord r = all.get(k);
      assertEquals(k, r.index());
      assertEquals(expectLabel[k], r.image().label());
      assertArrayEquals(SourceFixtures.hwc(expectImage[k], 5, 4, 3), r.image().pixels());
    }
  }

  @Test
  void flatFolderIsUnlabeledAndGrayscaleKeepsOneChannel() throws IOException {
    Path root = tmp.resolve("flat");
    Files.createDirectories(root);
    java.awt.image.BufferedImage g =
        new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    byte[] values = {0, 17, (byte) 128, (byte) 200, 5, (byte) 255};
    g.getRaster().setDataElements(0, 0, 3, 2, values);
    javax.imageio.ImageIO.write(g, "png", root.resolve("one.png").toFile());
    ImageDataset d = ImageDatasets.open("folder", root, "train");
    assertEquals(new ImageShape(2, 3, 1), d.shape());
    List<SourceRecord> all = readAll(d, 0);
    assertEquals(ImageDataset.UNLABELED, all.get(0).image().label());
    assertArrayEquals(values, all.get(0).image().pixels());

    Path empty = tmp.resolve("empty");
    Files.createDirectories(empty.resolve("cls"));
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> ImageDatasets.open("folder", empty, "train"));
    assertTrue(e.getMessage().contains("no .png or .jpg images"), e.getMessage());
  }

  @Test
  void idxIsReadThroughTheCommonInterfaceAndUnknownFormatsAreRejected() throws IOException {
    Path dir = IdxFixtures.writeTrainSplit(tmp.resolve("idx"), 5, 3, 2, true);
    ImageDataset d = ImageDatasets.open("idx", dir, "train");
    List<SourceRecord> all = readAll(d, 4);
    assertEquals(4, all.size());
    assertEquals(IdxDataset.of(dir, "train").load(4).get(3), all.get(3).image());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImageDatasets.open("tfrecord", dir, "train"));
    assertTrue(e.getMessage().contains("--format=tfrecord"), e.getMessage());
  }
}

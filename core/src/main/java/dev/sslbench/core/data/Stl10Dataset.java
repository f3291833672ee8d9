package dev.sslbench.core.data;

import dev.sslbench.core.shard.ImageShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One split of the STL-10 binary dataset: {@code <split>_X.bin} holds 96x96x3 images as three
 * planes (R, G, B), each stored column-major; {@code <split>_y.bin} holds one label byte per
 * image, 1..10, returned as 0..9. The {@code unlabeled} split has no label file and its images
 * get {@link ImageDataset#UNLABELED}.
 */
public final class Stl10Dataset implements ImageDataset {
  /** Side of an STL-10 image. */
  public static final int SIDE = 96;

  private static final ImageShape SHAPE = new ImageShape(SIDE, SIDE, 3);
  private static final int CLASSES = 10;

  private final Path dir;
  private final String split;
  private final Path images;
  private final Path labels;

  private Stl10Dataset(Path dir, String split, Path images, Path labels) {
    this.dir = dir;
    this.split = split;
    this.images = images;
    this.labels = labels;
  }

  /** Locates {@code split} ({@code train}, {@code test} or {@code unlabeled}) in {@code dir}. */
  public static Stl10Dataset of(Path dir, String split) {
    if (!List.of("train", "test", "unlabeled").contains(split)) {
      throw new IllegalArgumentException("unknown split '" + split + "' for STL-10 dataset " + dir
          + " (expected train, test or unlabeled)");
    }
    Path x = require(dir.resolve(split + "_X.bin"));
    Path y = "unlabeled".equals(split) ? null : require(dir.resolve(split + "_y.bin"));
    return new Stl10Dataset(dir, split, x, y);
  }

  private static Path require(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetFormatException(file, -1, "file not found");
    }
    return file;
  }

  @Override
  public String format() {
    return "stl10";
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public String split() {
    return split;
  }

  @Override
  public ImageShape shape() {
    return SHAPE;
  }

  @Override
  public List<Path> files() {
    List<Path> f = new ArrayList<>(List.of(images));
    if (labels != null) {
      f.add(labels);
    }
    return f;
  }

  @Override
  public long count(long limit) {
    try (ImageRecords r = records(limit)) {
      return r.count();
    } catch (IOException e) {
      throw new DatasetFormatException(images, -1, "cannot close: " + e, e);
    }
  }

  @Override
  public ImageRecords records(long limit) {
    FixedRecordStream x = FixedRecordStream.open(List.of(images), SHAPE.pixels(), limit);
    FixedRecordStream y = null;
    if (labels != null) {
      long n = FixedRecordStream.records(images, SHAPE.pixels());
      long m = FixedRecordStream.records(labels, 1);
      if (n != m) {
        x.close();
        throw new DatasetFormatException(images, -1,
            "image count " + n + " differs from label count " + m + " in " + labels);
      }
      y = FixedRecordStream.open(List.of(labels), 1, limit);
    }
    return new Records(x, y);
  }

  /** Reads image and label streams in step. */
  private final class Records implements ImageRecords {
    private final FixedRecordStream x;
    private final FixedRecordStream y;
    private final byte[] pixels = new byte[SHAPE.pixels()];
    private final byte[] label = new byte[1];

    Records(FixedRecordStream x, FixedRecordStream y) {
      this.x = x;
      this.y = y;
    }

    @Override
    public ImageShape shape() {
      return SHAPE;
    }

    @Override
    public long count() {
      return x.count();
    }

    @Override
    public boolean hasNext() {
      return x.hasNext();
    }

    @Override
    public SourceRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException("all " + count() + " records of " + images + " read");
      }
      long index = x.next(pixels);
      int l = UNLABELED;
      if (y != null) {
        y.next(label);
        l = label[0] & 0xff;
        if (l < 1 || l > CLASSES) {
          return SourceRecord.bad(index, labels.toString(),
              "label " + l + " outside 1.." + CLASSES);
        }
        l -= 1;
      }
      byte[] hwc = PixelLayouts.columnMajorChwToHwc(pixels, 0, SIDE, SIDE, 3);
      return SourceRecord.good(images.toString(), new LabeledImage(index, l, hwc));
    }

    @Override
    public void close() {
      try (FixedRecordStream labelsStream = y) {
        x.close();
      }
    }
  }

  @Override
  public String toString() {
    return "Stl10Dataset[" + dir + ", " + split + "]";
  }
}

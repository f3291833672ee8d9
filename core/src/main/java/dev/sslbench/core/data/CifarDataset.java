package dev.sslbench.core.data;

import dev.sslbench.core.shard.ImageShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One split of a CIFAR-10 or CIFAR-100 binary dataset directory. Each record is its label
 * byte(s) then 3072 pixel bytes: the 32x32 red plane, then green, then blue, each row-major.
 * CIFAR-10: 1 label byte, {@code data_batch_1..5.bin} (train) and {@code test_batch.bin}.
 * CIFAR-100: coarse then fine label byte, {@code train.bin} and {@code test.bin}.
 */
public final class CifarDataset implements ImageDataset {
  /** Side of a CIFAR image. */
  public static final int SIDE = 32;

  private static final ImageShape SHAPE = new ImageShape(SIDE, SIDE, 3);

  /** Which of CIFAR-100's two labels to use. */
  public enum Cifar100Label {
    /** The 20 superclasses (first label byte). */
    COARSE,
    /** The 100 classes (second label byte). */
    FINE;

    /** Parses {@code coarse} or {@code fine}. */
    public static Cifar100Label parse(String name) {
      return switch (name) {
        case "coarse" -> COARSE;
        case "fine" -> FINE;
        default -> throw new IllegalArgumentException(
            "unknown CIFAR-100 label '" + name + "' (expected coarse or fine)");
      };
    }
  }

  private final String format;
  private final Path dir;
  private final String split;
  private final List<Path> files;
  private final int labelBytes;
  private final int labelOffset;

  private CifarDataset(String format, Path dir, String split, List<Path> files, int labelBytes,
      int labelOffset) {
    this.format = format;
    this.dir = dir;
    this.split = split;
    this.files = List.copyOf(files);
    this.labelBytes = labelBytes;
    this.labelOffset = labelOffset;
  }

  /** CIFAR-10 {@code split} ({@code train} or {@code test}) in {@code dir}. */
  public static CifarDataset cifar10(Path dir, String split) {
    List<Path> files = new ArrayList<>();
    switch (split) {
      case "train" -> {
        for (int i = 1; i <= 5; i++) {
          files.add(require(dir.resolve("data_batch_" + i + ".bin")));
        }
      }
      case "test" -> files.add(require(dir.resolve("test_batch.bin")));
      default -> throw unknownSplit("CIFAR-10", dir, split);
    }
    return new CifarDataset("cifar10", dir, split, files, 1, 0);
  }

  /** CIFAR-100 {@code split} ({@code train} or {@code test}) in {@code dir}, with {@code label}. */
  public static CifarDataset cifar100(Path dir, String split, Cifar100Label label) {
    Path file = switch (split) {
      case "train" -> dir.resolve("train.bin");
      case "test" -> dir.resolve("test.bin");
      default -> throw unknownSplit("CIFAR-100", dir, split);
    };
    return new CifarDataset("cifar100", dir, split, List.of(require(file)), 2,
        label == Cifar100Label.COARSE ? 0 : 1);
  }

  private static IllegalArgumentException unknownSplit(String what, Path dir, String split) {
    return new IllegalArgumentException("unknown split '" + split + "' for " + what + " dataset "
        + dir + " (expected train or test)");
  }

  private static Path require(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetFormatException(file, -1, "file not found");
    }
    return file;
  }

  /** Bytes of one record: label bytes plus the 3072 pixels. */
  public int recordBytes() {
    return labelBytes + SHAPE.pixels();
  }

  @Override
  public String format() {
    return format;
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
    return files;
  }

  @Override
  public long count(long limit) {
    try (FixedRecordStream s = FixedRecordStream.open(files, recordBytes(), limit)) {
      return s.count();
    }
  }

  @Override
  public ImageRecords records(long limit) {
    FixedRecordStream stream = FixedRecordStream.open(files, recordBytes(), limit);
    byte[] buf = new byte[recordBytes()];
    return new ImageRecords() {
      @Override
      public ImageShape shape() {
        return SHAPE;
      }

      @Override
      public long count() {
        return stream.count();
      }

      @Override
      public boolean hasNext() {
        return stream.hasNext();
      }

      @Override
      public SourceRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException("all " + count() + " records of " + dir + " read");
        }
        long index = stream.next(buf);
        byte[] hwc = PixelLayouts.chwToHwc(buf, labelBytes, SIDE, SIDE, 3);
        return SourceRecord.good(stream.currentFile().toString(),
            new LabeledImage(index, buf[labelOffset] & 0xff, hwc));
      }

      @Override
      public void close() throws IOException {
        stream.close();
      }
    };
  }

  @Override
  public String toString() {
    return "CifarDataset[" + format + ", " + dir + ", " + split + "]";
  }
}

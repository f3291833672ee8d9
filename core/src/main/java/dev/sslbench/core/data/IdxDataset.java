package dev.sslbench.core.data;

import dev.sslbench.core.shard.ImageShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One split of an IDX dataset directory laid out like MNIST / Fashion-MNIST: {@code train-*} and
 * {@code t10k-*} image and label files, each either gzip ({@code .gz}) or plain.
 */
public final class IdxDataset implements ImageDataset {
  private final Path dir;
  private final String split;
  private final Path images;
  private final Path labels;

  private IdxDataset(Path dir, String split, Path images, Path labels) {
    this.dir = dir;
    this.split = split;
    this.images = images;
    this.labels = labels;
  }

  /**
   * Locates the files of {@code split} ({@code train} or {@code test}) in {@code dir}.
   *
   * @throws DatasetFormatException if a file exists under neither its plain nor its .gz name
   */
  public static IdxDataset of(Path dir, String split) {
    String prefix = switch (split) {
      case "train" -> "train";
      case "test" -> "t10k";
      default -> throw new IllegalArgumentException(
          "unknown split '" + split + "' for IDX dataset " + dir + " (expected train or test)");
    };
    return new IdxDataset(dir, split,
        locate(dir, prefix + "-images-idx3-ubyte"), locate(dir, prefix + "-labels-idx1-ubyte"));
  }

  private static Path locate(Path dir, String name) {
    Path gz = dir.resolve(name + ".gz");
    Path plain = dir.resolve(name);
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    throw new DatasetFormatException(gz, -1, "file not found (nor " + plain.getFileName() + ")");
  }

  @Override
  public String format() {
    return ImageDatasets.IDX;
  }

  @Override
  public List<Path> files() {
    return List.of(images, labels);
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public String split() {
    return split;
  }

  public Path imagesFile() {
    return images;
  }

  public Path labelsFile() {
    return labels;
  }

  /** Opens a streaming pass over all images of the split. */
  public IdxImages open() {
    return open(0);
  }

  /** Opens a streaming pass over the first {@code limit} images (all when 0). */
  public IdxImages open(long limit) {
    return IdxReader.open(images, labels, limit);
  }

  /** Shape of the images, from the header. */
  @Override
  public ImageShape shape() {
    try (IdxImages in = open()) {
      return in.shape();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Number of images in the split (capped by {@code limit} unless it is 0), from the header. */
  @Override
  public long count(long limit) {
    try (IdxImages in = open(limit)) {
      return in.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Streams the first {@code limit} images (all when 0) as records; IDX has no per-record
   * encoding that can fail alone, so every record is good and a short file throws.
   */
  @Override
  public ImageRecords records(long limit) {
    IdxImages in = open(limit);
    String source = images.toString();
    return new ImageRecords() {
      @Override
      public ImageShape shape() {
        return in.shape();
      }

      @Override
      public long count() {
        return in.count();
      }

      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public SourceRecord next() {
        return SourceRecord.good(source, in.next());
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  /** Reads the first {@code limit} images (all when 0) into memory. */
  public List<LabeledImage> load(long limit) {
    try (IdxImages in = open(limit)) {
      List<LabeledImage> out = new ArrayList<>((int) Math.min(in.count(), Integer.MAX_VALUE));
      in.forEachRemaining(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "IdxDataset[" + dir + ", " + split + "]";
  }
}

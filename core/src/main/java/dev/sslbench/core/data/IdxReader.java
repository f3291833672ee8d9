package dev.sslbench.core.data;

import dev.sslbench.core.shard.ImageShape;
import java.io.IOException;
import java.nio.file.Path;

/** Opens IDX image/label file pairs (the MNIST family's format), plain or gzip-compressed. */
public final class IdxReader {
  /** Magic number of an IDX file of unsigned bytes with 3 dimensions: images. */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned bytes with 1 dimension: labels. */
  public static final int LABELS_MAGIC = 0x00000801;

  private IdxReader() {}

  /** Opens all images of {@code images} with the labels of {@code labels}. */
  public static IdxImages open(Path images, Path labels) {
    return open(images, labels, 0);
  }

  /**
   * Opens the first {@code limit} images (all when {@code limit} is 0) and checks both headers;
   * the data itself is read lazily.
   */
  public static IdxImages open(Path images, Path labels, long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
    IdxFile img = IdxFile.open(images, IMAGES_MAGIC, "images");
    IdxFile lab;
    try {
      lab = IdxFile.open(labels, LABELS_MAGIC, "labels");
    } catch (RuntimeException e) {
      closeQuietly(img, e);
      throw e;
    }
    try {
      long n = img.dim(0);
      if (n != lab.dim(0)) {
        throw new DatasetFormatException(images, -1, "image count " + n
            + " differs from label count " + lab.dim(0) + " in " + labels);
      }
      ImageShape shape = new ImageShape(img.dim(1), img.dim(2), 1);
      return new IdxImages(img, lab, shape, limit == 0 ? n : Math.min(n, limit));
    } catch (RuntimeException e) {
      closeQuietly(img, e);
      closeQuietly(lab, e);
      throw e;
    }
  }

  private static void closeQuietly(IdxFile f, RuntimeException failure) {
    try {
      f.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}

package dev.sslbench.core.data;

import dev.sslbench.core.shard.ImageShape;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A single pass over the images of an IDX image file and their labels, streamed: one image in
 * memory at a time. Iterating it twice continues where the first pass stopped.
 */
public final class IdxImages implements Iterator<LabeledImage>, Iterable<LabeledImage>, Closeable {
  private final IdxFile images;
  private final IdxFile labels;
  private final ImageShape shape;
  private final long count;
  private final byte[] label = new byte[1];
  private long nextIndex;

  IdxImages(IdxFile images, IdxFile labels, ImageShape shape, long count) {
    this.images = images;
    this.labels = labels;
    this.shape = shape;
    this.count = count;
  }

  public ImageShape shape() {
    return shape;
  }

  /** Number of images this pass yields (the file's count, capped by the limit given at open). */
  public long count() {
    return count;
  }

  @Override
  public Iterator<LabeledImage> iterator() {
    return this;
  }

  @Override
  public boolean hasNext() {
    return nextIndex < count;
  }

  @Override
  public LabeledImage next() {
    if (!hasNext()) {
      throw new NoSuchElementException("all " + count + " images of " + images.path() + " read");
    }
    long index = nextIndex++;
    byte[] pixels = new byte[shape.pixels()];
    fill(images, pixels, index, "image");
    fill(labels, label, index, "label");
    return new LabeledImage(index, label[0] & 0xff, pixels);
  }

  private static void fill(IdxFile file, byte[] buf, long index, String what) {
    int got;
    try {
      got = file.read(buf);
    } catch (EOFException e) {
      // A gzip stream cut short ends this way rather than with a short read.
      throw new DatasetFormatException(file.path(), index,
          "truncated file: compressed data ends inside " + what + " record " + index, e);
    } catch (IOException e) {
      throw new DatasetFormatException(file.path(), index,
          "cannot read " + what + " record " + index + ": " + e, e);
    }
    if (got < buf.length) {
      throw new DatasetFormatException(file.path(), index, "truncated file: ends inside " + what
          + " record " + index + " (" + got + " of " + buf.length + " bytes)");
    }
  }

  @Override
  public void close() throws IOException {
    try (labels) {
      images.close();
    }
  }
}

package dev.sslbench.core.data;

import dev.sslbench.core.shard.ImageShape;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A directory of PNG/JPEG images, either one subdirectory per class ({@code <class>/<file>}, the
 * sorted class names numbered 0, 1, ...) or flat with every image {@link ImageDataset#UNLABELED}.
 * The split is the subdirectory {@code <dir>/<split>} when there is one, else {@code dir} itself.
 *
 * <p>Records are the image files in (class, file name) order. Images are decoded with
 * javax.imageio and never resized: the first decodable image fixes the shape (1 channel for a
 * grayscale image, else 3, alpha dropped), and an image of another shape, or one that cannot be
 * decoded, is a bad record.
 */
public final class ImageFolderDataset implements ImageDataset {
  private final Path dir;
  private final String split;
  private final Path root;
  private final List<String> classes;
  private final List<Path> images;
  private final List<Integer> labels;
  private final ImageShape shape;

  private ImageFolderDataset(Path dir, String split, Path root, List<String> classes,
      List<Path> images, List<Integer> labels, ImageShape shape) {
    this.dir = dir;
    this.split = split;
    this.root = root;
    this.classes = classes;
    this.images = images;
    this.labels = labels;
    this.shape = shape;
  }

  /**
   * Lists the images of {@code split} under {@code dir} and decodes the first readable one for
   * the shape.
   *
   * @throws DatasetFormatException if the directory is missing, holds no images, or none of them
   *     can be decoded
   */
  public static ImageFolderDataset of(Path dir, String split) {
    Path root = Files.isDirectory(dir.resolve(split)) ? dir.resolve(split) : dir;
    if (!Files.isDirectory(root)) {
      throw new DatasetFormatException(dir, -1, "image folder not found");
    }
    List<Path> dirs = new ArrayList<>();
    List<Path> flat = new ArrayList<>();
    for (Path p : list(root)) {
      if (Files.isDirectory(p)) {
        dirs.add(p);
      } else if (isImage(p)) {
        flat.add(p);
      }
    }
    List<String> classes = new ArrayList<>();
    List<Path> images = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    if (dirs.isEmpty()) {
      images.addAll(flat);
      labels.addAll(Collections.nCopies(flat.size(), UNLABELED));
    } else {
      if (!flat.isEmpty()) {
        throw new DatasetFormatException(flat.get(0), -1, "image outside any class directory of "
            + root + " (use either class subdirectories or a flat folder)");
      }
      for (Path classDir : dirs) {
        int label = classes.size();
        classes.add(classDir.getFileName().toString());
        for (Path p : list(classDir)) {
          if (Files.isRegularFile(p) && isImage(p)) {
            images.add(p);
            labels.add(label);
          }
        }
      }
    }
    if (images.isEmpty()) {
      throw new DatasetFormatException(root, -1, "no .png or .jpg images found");
    }
    ImageShape shape = null;
    for (Path p : images) {
      BufferedImage img = tryRead(p);
      if (img != null) {
        shape = new ImageShape(img.getHeight(), img.getWidth(), channelsOf(img));
        break;
      }
    }
    if (shape == null) {
      throw new DatasetFormatException(root, -1,
          "none of the " + images.size() + " images can be decoded");
    }
    return new ImageFolderDataset(dir, split, root, List.copyOf(classes), List.copyOf(images),
        List.copyOf(labels), shape);
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new DatasetFormatException(dir, -1, "cannot list directory: " + e, e);
    }
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
  }

  private static BufferedImage tryRead(Path p) {
    try {
      return ImageIO.read(p.toFile());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static int channelsOf(BufferedImage img) {
    return img.getColorModel().getNumColorComponents() == 1 ? 1 : 3;
  }

  /** Class names in label order; empty for a flat folder. */
  public List<String> classes() {
    return classes;
  }

  /** The directory the images are listed from. */
  public Path root() {
    return root;
  }

  @Override
  public String format() {
    return "folder";
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
    return shape;
  }

  @Override
  public List<Path> files() {
    return List.of(root);
  }

  @Override
  public long count(long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
    return limit == 0 ? images.size() : Math.min(images.size(), limit);
  }

  @Override
  public ImageRecords records(long limit) {
    long n = count(limit);
    return new ImageRecords() {
      private int next;

      @Override
      public ImageShape shape() {
        return shape;
      }

      @Override
      public long count() {
        return n;
      }

      @Override
      public boolean hasNext() {
        return next < n;
      }

      @Override
      public SourceRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException("all " + n + " images of " + root + " read");
        }
        int index = next++;
        return decode(index, images.get(index), labels.get(index));
      }

      @Override
      public void close() {
        // Each image file is opened and closed by decode.
      }
    };
  }

  private SourceRecord decode(long index, Path file, int label) {
    String source = file.toString();
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      return SourceRecord.bad(index, source, "cannot decode image: " + e.getMessage());
    }
    if (img == null) {
      return SourceRecord.bad(index, source, "not a decodable PNG/JPEG image");
    }
    int c = channelsOf(img);
    if (img.getHeight() != shape.height() || img.getWidth() != shape.width()
        || c != shape.channels()) {
      return SourceRecord.bad(index, source, "image is " + img.getHeight() + "x" + img.getWidth()
          + "x" + c + ", the dataset's shape is " + shape + " (images are not resized)");
    }
    return SourceRecord.good(source, new LabeledImage(index, label, hwc(img, c)));
  }

  private static byte[] hwc(BufferedImage img, int c) {
    int h = img.getHeight();
    int w = img.getWidth();
    byte[] out = new byte[h * w * c];
    if (c == 1) {
      // The raster, not getRGB: getRGB would convert linear gray to sRGB and change the values.
      Raster r = img.getRaster();
      int shift = Math.max(0, r.getSampleModel().getSampleSize(0) - 8);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          out[y * w + x] = (byte) (r.getSample(x, y, 0) >> shift);
        }
      }
      return out;
    }
    int k = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        out[k++] = (byte) (rgb >> 16);
        out[k++] = (byte) (rgb >> 8);
        out[k++] = (byte) rgb;
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "ImageFolderDataset[" + root + "]";
  }
}

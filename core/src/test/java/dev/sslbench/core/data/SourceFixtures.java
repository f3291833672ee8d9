package dev.sslbench.core.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes small CIFAR-10, CIFAR-100, STL-10 and image-folder datasets in their published on-disk
 * layouts for tests. Pixel values come from {@link #pixel}, which differs by image, row, column
 * and channel, so a transposed or swapped plane decodes to different bytes.
 */
public final class SourceFixtures {
  private SourceFixtures() {}

  /** Value of image {@code i} at row {@code y}, column {@code x}, channel {@code ch}. */
  public static byte pixel(int i, int y, int x, int ch) {
    return (byte) (i * 31 + y * 7 + x * 3 + ch * 101 + (y * x) % 5);
  }

  /** The expected HWC bytes of image {@code i}. */
  public static byte[] hwc(int i, int h, int w, int c) {
    byte[] out = new byte[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          out[(y * w + x) * c + ch] = pixel(i, y, x, ch);
        }
      }
    }
    return out;
  }

  /** One CIFAR record: label bytes, then R, G, B planes of 32x32, each row-major. */
  public static byte[] cifarRecord(int i, byte... labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(labels);
    for (int ch = 0; ch < 3; ch++) {
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          out.write(pixel(i, y, x, ch));
        }
      }
    }
    return out.toByteArray();
  }

  /** CIFAR-10 label of image {@code i}. */
  public static int cifar10Label(int i) {
    return (i * 7) % 10;
  }

  /** CIFAR-100 coarse label of image {@code i}. */
  public static int coarseLabel(int i) {
    return (i * 3) % 20;
  }

  /** CIFAR-100 fine label of image {@code i}. */
  public static int fineLabel(int i) {
    return (i * 37) % 100;
  }

  /**
   * Writes the CIFAR-10 train batches with {@code perBatch[b]} images in {@code
   * data_batch_(b+1).bin} (indices continue across batches) and a test batch of {@code test}.
   */
  public static Path writeCifar10(Path dir, int[] perBatch, int test) throws IOException {
    Files.createDirectories(dir);
    int i = 0;
    for (int b = 0; b < 5; b++) {
      ByteArrayOutputStream batch = new ByteArrayOutputStream();
      for (int k = 0; k < perBatch[b]; k++, i++) {
        batch.writeBytes(cifarRecord(i, (byte) cifar10Label(i)));
      }
      Files.write(dir.resolve("data_batch_" + (b + 1) + ".bin"), batch.toByteArray());
    }
    ByteArrayOutputStream t = new ByteArrayOutputStream();
    for (int k = 0; k < test; k++) {
      t.writeBytes(cifarRecord(k, (byte) cifar10Label(k)));
    }
    Files.write(dir.resolve("test_batch.bin"), t.toByteArray());
    return dir;
  }

  /** Writes CIFAR-100 {@code train.bin} of {@code n} images. */
  public static Path writeCifar100(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      out.writeBytes(cifarRecord(i, (byte) coarseLabel(i), (byte) fineLabel(i)));
    }
    Files.write(dir.resolve("train.bin"), out.toByteArray());
    return dir;
  }

  /** One STL-10 image: R, G, B planes of 96x96, each column-major. */
  public static byte[] stlImage(int i) {
    byte[] out = new byte[96 * 96 * 3];
    int k = 0;
    for (int ch = 0; ch < 3; ch++) {
      for (int x = 0; x < 96; x++) {
        for (int y = 0; y < 96; y++) {
          out[k++] = pixel(i, y, x, ch);
        }
      }
    }
    return out;
  }

  /** STL-10 label byte (1..10) of image {@code i}. */
  public static int stlLabelByte(int i) {
    return 1 + (i * 3) % 10;
  }

  /** Writes {@code <split>_X.bin} of {@code n} images and, unless unlabeled, {@code _y.bin}. */
  public static Path writeStl10(Path dir, String split, int n) throws IOException {
    Files.createDirectories(dir);
    ByteArrayOutputStream x = new ByteArrayOutputStream();
    byte[] y = new byte[n];
    for (int i = 0; i < n; i++) {
      x.writeBytes(stlImage(i));
      y[i] = (byte) stlLabelByte(i);
    }
    Files.write(dir.resolve(split + "_X.bin"), x.toByteArray());
    if (!"unlabeled".equals(split)) {
      Files.write(dir.resolve(split + "_y.bin"), y);
    }
    return dir;
  }

  /** An RGB image of {@code h x w} with the pixels of image {@code i}. */
  public static BufferedImage rgbImage(int i, int h, int w) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = pixel(i, y, x, 0) & 0xff;
        int g = pixel(i, y, x, 1) & 0xff;
        int b = pixel(i, y, x, 2) & 0xff;
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return img;
  }

  /** Writes image {@code i} as a lossless PNG. */
  public static Path writePng(Path file, int i, int h, int w) throws IOException {
    Files.createDirectories(file.getParent());
    if (!ImageIO.write(rgbImage(i, h, w), "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
    return file;
  }
}

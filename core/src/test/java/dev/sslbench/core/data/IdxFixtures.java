package dev.sslbench.core.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX image/label files for tests, with pixels and labels derived from the index. */
public final class IdxFixtures {
  private IdxFixtures() {}

  /** Pixel {@code p} of image {@code i}: a pattern that differs per image and per position. */
  public static byte pixel(int i, int p) {
    return (byte) (i * 31 + p * 7 + (p * p) % 13);
  }

  public static int label(int i) {
    return (i * 3) % 10;
  }

  /** Writes an images file of {@code n} images of {@code rows x cols}. */
  public static Path writeImages(Path file, int n, int rows, int cols, boolean gzip)
      throws IOException {
    try (DataOutputStream out = new DataOutputStream(open(file, gzip))) {
      out.writeInt(IdxReader.IMAGES_MAGIC);
      out.writeInt(n);
      out.writeInt(rows);
      out.writeInt(cols);
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < rows * cols; p++) {
          out.writeByte(pixel(i, p));
        }
      }
    }
    return file;
  }

  /** Writes a labels file of {@code n} labels. */
  public static Path writeLabels(Path file, int n, boolean gzip) throws IOException {
    try (DataOutputStream out = new DataOutputStream(open(file, gzip))) {
      out.writeInt(IdxReader.LABELS_MAGIC);
      out.writeInt(n);
      for (int i = 0; i < n; i++) {
        out.writeByte(label(i));
      }
    }
    return file;
  }

  /** Writes a {@code train} split of {@code n} images in {@code dir} under the standard names. */
  public static Path writeTrainSplit(Path dir, int n, int rows, int cols, boolean gzip)
      throws IOException {
    Files.createDirectories(dir);
    String ext = gzip ? ".gz" : "";
    writeImages(dir.resolve("train-images-idx3-ubyte" + ext), n, rows, cols, gzip);
    writeLabels(dir.resolve("train-labels-idx1-ubyte" + ext), n, gzip);
    return dir;
  }

  private static OutputStream open(Path file, boolean gzip) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    return gzip ? new GZIPOutputStream(out) : out;
  }
}

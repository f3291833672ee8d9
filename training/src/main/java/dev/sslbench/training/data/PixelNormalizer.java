package dev.sslbench.training.data;

import dev.sslbench.core.shard.ImageShape;

/**
 * Converts a uint8 HWC image to normalised float CHW, {@code (x / 255 - mean[c]) / std[c]} with the
 * dataset manifest's per-channel statistics; a 256-entry table per channel makes it a lookup.
 */
public final class PixelNormalizer {
  private final ImageShape shape;
  private final float[][] table;

  public PixelNormalizer(ImageShape shape, double[] mean, double[] std) {
    if (mean.length != shape.channels() || std.length != shape.channels()) {
      throw new IllegalArgumentException(
          "need one mean and std per channel (" + shape.channels() + "), got " + mean.length
              + " and " + std.length);
    }
    this.shape = shape;
    this.table = new float[shape.channels()][256];
    for (int c = 0; c < shape.channels(); c++) {
      if (!(std[c] > 0)) {
        throw new IllegalArgumentException("std of channel " + c + " must be positive, got " + std[c]);
      }
      for (int v = 0; v < 256; v++) {
        table[c][v] = (float) ((v / 255.0 - mean[c]) / std[c]);
      }
    }
  }

  /** Writes image {@code hwc} into {@code out} starting at {@code offset}, channel-major. */
  public void toChw(byte[] hwc, float[] out, int offset) {
    int c = shape.channels();
    int plane = shape.height() * shape.width();
    for (int ch = 0; ch < c; ch++) {
      float[] t = table[ch];
      int base = offset + ch * plane;
      for (int i = 0, src = ch; i < plane; i++, src += c) {
        out[base + i] = t[hwc[src] & 0xff];
      }
    }
  }
}

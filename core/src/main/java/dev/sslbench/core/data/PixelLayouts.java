package dev.sslbench.core.data;

/** Reorders uint8 pixels from the planar layouts of binary datasets into HWC. */
final class PixelLayouts {
  private PixelLayouts() {}

  /**
   * Planar CHW, rows stored one after another (CIFAR): {@code src[off + ch*h*w + y*w + x]} goes
   * to {@code out[(y*w + x)*c + ch]}.
   */
  static byte[] chwToHwc(byte[] src, int off, int h, int w, int c) {
    byte[] out = new byte[h * w * c];
    int plane = h * w;
    for (int ch = 0; ch < c; ch++) {
      int base = off + ch * plane;
      for (int p = 0; p < plane; p++) {
        out[p * c + ch] = src[base + p];
      }
    }
    return out;
  }

  /**
   * Planar, each plane column-major (STL-10, written from MATLAB): {@code src[off + ch*h*w + x*h
   * + y]} goes to {@code out[(y*w + x)*c + ch]}.
   */
  static byte[] columnMajorChwToHwc(byte[] src, int off, int h, int w, int c) {
    byte[] out = new byte[h * w * c];
    int plane = h * w;
    for (int ch = 0; ch < c; ch++) {
      int base = off + ch * plane;
      for (int x = 0; x < w; x++) {
        for (int y = 0; y < h; y++) {
          out[(y * w + x) * c + ch] = src[base + x * h + y];
        }
      }
    }
    return out;
  }
}

package dev.sslbench.core.augment;

import dev.sslbench.core.shard.ImageShape;
import java.util.SplittableRandom;

/**
 * Produces one augmented view of a uint8 HWC image: random resized crop (bilinear), horizontal
 * flip, colour jitter in random order, grayscale, Gaussian blur, solarize, as in torchvision.
 *
 * <p>Works in reusable float scratch buffers, so an instance is not thread-safe: use one per
 * thread (a Beam {@code DoFn} instance, a data-loader worker). All randomness comes from the
 * generator passed in, and only {@link StrictMath} is used for transcendental functions, so the
 * output bytes are identical on every JVM and machine.
 */
public final class ViewAugmenter {
  private static final float[] UNIT = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      UNIT[i] = i / 255f;
    }
  }

  private static final int BRIGHTNESS = 0;
  private static final int CONTRAST = 1;
  private static final int SATURATION = 2;
  private static final int HUE = 3;

  private float[] img = new float[0];
  private float[] tmp = new float[0];
  private int[] xs0 = new int[0];
  private int[] xs1 = new int[0];
  private float[] xw = new float[0];
  private int[] ys0 = new int[0];
  private int[] ys1 = new int[0];
  private float[] yw = new float[0];
  private final int[] order = new int[4];
  private final int[] crop = new int[4];

  /** Returns a new array with the augmented view of {@code srcHwc}; the source is not modified. */
  public byte[] augment(
      byte[] srcHwc, ImageShape shape, ViewAugmentation aug, SplittableRandom rng) {
    int n = shape.pixels();
    if (srcHwc.length != n) {
      throw new IllegalArgumentException(
          "image has " + srcHwc.length + " bytes but shape " + shape + " needs " + n);
    }
    ensureCapacity(shape);
    int c = shape.channels();
    cropWindow(shape, aug, rng, crop);
    boolean flip = chance(rng, aug.flipProb());
    resample(srcHwc, shape, flip);
    if (chance(rng, aug.colorJitterProb())) {
      colorJitter(shape, aug, rng);
    }
    if (chance(rng, aug.grayscaleProb()) && c == 3) {
      grayscale(n);
    }
    if (chance(rng, aug.blurProb())) {
      blur(shape, aug, uniform(rng, aug.blurSigmaMin(), aug.blurSigmaMax()));
    }
    if (chance(rng, aug.solarizeProb())) {
      solarize(n, (float) aug.solarizeThreshold());
    }
    byte[] out = new byte[n];
    float[] a = img;
    for (int k = 0; k < n; k++) {
      float v = a[k];
      int q = (int) (v * 255f + 0.5f);
      out[k] = (byte) (q < 0 ? 0 : Math.min(q, 255));
    }
    return out;
  }

  private void ensureCapacity(ImageShape shape) {
    int n = shape.pixels();
    if (img.length < n) {
      img = new float[n];
      tmp = new float[n];
    }
    if (xs0.length < shape.width()) {
      xs0 = new int[shape.width()];
      xs1 = new int[shape.width()];
      xw = new float[shape.width()];
    }
    if (ys0.length < shape.height()) {
      ys0 = new int[shape.height()];
      ys1 = new int[shape.height()];
      yw = new float[shape.height()];
    }
  }

  /**
   * torchvision RandomResizedCrop.get_params: 10 tries, then a centre crop. Writes {top, left,
   * height, width} into {@code out}.
   */
  static void cropWindow(
      ImageShape shape, ViewAugmentation aug, SplittableRandom rng, int[] out) {
    int height = shape.height();
    int width = shape.width();
    if (aug.cropScaleMin() >= 1.0) {
      setCrop(out, 0, 0, height, width);
      return;
    }
    double area = (double) height * width;
    double logMin = StrictMath.log(aug.cropRatioMin());
    double logMax = StrictMath.log(aug.cropRatioMax());
    for (int attempt = 0; attempt < 10; attempt++) {
      double target = area * uniform(rng, aug.cropScaleMin(), aug.cropScaleMax());
      double ratio = StrictMath.exp(uniform(rng, logMin, logMax));
      int w = (int) StrictMath.rint(StrictMath.sqrt(target * ratio));
      int h = (int) StrictMath.rint(StrictMath.sqrt(target / ratio));
      if (w > 0 && w <= width && h > 0 && h <= height) {
        setCrop(out, rng.nextInt(height - h + 1), rng.nextInt(width - w + 1), h, w);
        return;
      }
    }
    double inRatio = (double) width / height;
    int w = width;
    int h = height;
    if (inRatio < aug.cropRatioMin()) {
      h = (int) StrictMath.rint(w / aug.cropRatioMin());
    } else if (inRatio > aug.cropRatioMax()) {
      w = (int) StrictMath.rint(h * aug.cropRatioMax());
    }
    setCrop(out, (height - h) / 2, (width - w) / 2, h, w);
  }

  private static void setCrop(int[] out, int top, int left, int h, int w) {
    out[0] = top;
    out[1] = left;
    out[2] = h;
    out[3] = w;
  }

  /**
   * Bilinear resize of the crop window back to the full shape (align_corners = false): blend the
   * two source rows once, then interpolate along the row.
   */
  private void resample(byte[] src, ImageShape shape, boolean flip) {
    int height = shape.height();
    int width = shape.width();
    int c = shape.channels();
    axis(crop[0], crop[2], height, ys0, ys1, yw, false);
    axis(0, crop[3], width, xs0, xs1, xw, flip);
    float[] a = img;
    float[] row = tmp;
    int rowStride = width * c;
    int left = crop[1] * c;
    int span = crop[3] * c;
    int k = 0;
    for (int y = 0; y < height; y++) {
      int r0 = ys0[y] * rowStride + left;
      int r1 = ys1[y] * rowStride + left;
      float fy = yw[y];
      if (fy == 0f) {
        for (int i = 0; i < span; i++) {
          row[i] = UNIT[src[r0 + i] & 0xff];
        }
      } else {
        float gy = 1f - fy;
        for (int i = 0; i < span; i++) {
          row[i] = gy * UNIT[src[r0 + i] & 0xff] + fy * UNIT[src[r1 + i] & 0xff];
        }
      }
      if (c == 1) {
        for (int x = 0; x < width; x++) {
          float fx = xw[x];
          a[k++] = (1f - fx) * row[xs0[x]] + fx * row[xs1[x]];
        }
      } else {
        for (int x = 0; x < width; x++) {
          int c0 = xs0[x] * c;
          int c1 = xs1[x] * c;
          float fx = xw[x];
          float gx = 1f - fx;
          for (int ch = 0; ch < c; ch++) {
            a[k++] = gx * row[c0 + ch] + fx * row[c1 + ch];
          }
        }
      }
    }
  }

  /** Source indices and weights of one axis; {@code reverse} mirrors it (horizontal flip). */
  private static void axis(
      int start, int len, int out, int[] i0, int[] i1, float[] w, boolean reverse) {
    double scale = (double) len / out;
    for (int o = 0; o < out; o++) {
      double s = (o + 0.5) * scale - 0.5;
      if (s < 0) {
        s = 0;
      }
      int lo = (int) s;
      if (lo > len - 1) {
        lo = len - 1;
      }
      int hi = Math.min(lo + 1, len - 1);
      int dst = reverse ? out - 1 - o : o;
      i0[dst] = start + lo;
      i1[dst] = start + hi;
      w[dst] = (float) (s - lo);
    }
  }

  private void colorJitter(ImageShape shape, ViewAugmentation aug, SplittableRandom rng) {
    // torchvision draws the order first, then every factor, whether or not it is used.
    for (int i = 0; i < 4; i++) {
      order[i] = i;
    }
    for (int i = 3; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    float b = (float) factor(rng, aug.brightness());
    float ct = (float) factor(rng, aug.contrast());
    float s = (float) factor(rng, aug.saturation());
    float h = (float) uniform(rng, -aug.hue(), aug.hue());
    int n = shape.pixels();
    boolean rgb = shape.channels() == 3;
    for (int op : order) {
      switch (op) {
        case BRIGHTNESS -> {
          if (aug.brightness() > 0) {
            brightness(n, b);
          }
        }
        case CONTRAST -> {
          if (aug.contrast() > 0) {
            contrast(n, rgb, ct);
          }
        }
        case SATURATION -> {
          if (aug.saturation() > 0 && rgb) {
            saturation(n, s);
          }
        }
        case HUE -> {
          if (aug.hue() > 0 && rgb) {
            hue(n, h);
          }
        }
        default -> throw new IllegalStateException("jitter op " + op);
      }
    }
  }

  private static double factor(SplittableRandom rng, double strength) {
    return uniform(rng, Math.max(0, 1 - strength), 1 + strength);
  }

  private void brightness(int n, float f) {
    float[] a = img;
    for (int k = 0; k < n; k++) {
      a[k] = clamp(a[k] * f);
    }
  }

  private void contrast(int n, boolean rgb, float f) {
    float[] a = img;
    double sum = 0;
    if (rgb) {
      for (int k = 0; k < n; k += 3) {
        sum += gray(a[k], a[k + 1], a[k + 2]);
      }
      sum /= n / 3;
    } else {
      for (int k = 0; k < n; k++) {
        sum += a[k];
      }
      sum /= n;
    }
    float mean = (float) sum;
    float off = (1f - f) * mean;
    for (int k = 0; k < n; k++) {
      a[k] = clamp(f * a[k] + off);
    }
  }

  private void saturation(int n, float f) {
    float[] a = img;
    float g1 = 1f - f;
    for (int k = 0; k < n; k += 3) {
      float gray = g1 * gray(a[k], a[k + 1], a[k + 2]);
      a[k] = clamp(f * a[k] + gray);
      a[k + 1] = clamp(f * a[k + 1] + gray);
      a[k + 2] = clamp(f * a[k + 2] + gray);
    }
  }

  /**
   * torchvision adjust_hue: RGB to HSV, rotate hue by {@code shift} turns, back to RGB. Uses
   * V(1-S) = min and V(1-S*f) = max - chroma*f, which saves two divisions per pixel.
   */
  private void hue(int n, float shift) {
    float[] a = img;
    float shift6 = shift * 6f;
    for (int k = 0; k < n; k += 3) {
      float r = a[k];
      float g = a[k + 1];
      float b = a[k + 2];
      float max = Math.max(r, Math.max(g, b));
      float min = Math.min(r, Math.min(g, b));
      float chroma = max - min;
      if (chroma == 0f) {
        continue; // grey: hue is undefined and rotation changes nothing
      }
      float inv = 1f / chroma;
      float h6;
      if (max == r) {
        h6 = (g - b) * inv;
      } else if (max == g) {
        h6 = 2f + (b - r) * inv;
      } else {
        h6 = 4f + (r - g) * inv;
      }
      h6 += shift6;
      // h6 is in [-4, 8): fold into [0, 6) without floor.
      if (h6 < 0f) {
        h6 += 6f;
      } else if (h6 >= 6f) {
        h6 -= 6f;
      }
      int sector = (int) h6;
      if (sector >= 6) {
        sector = 0;
      }
      float f = h6 - sector;
      float q = max - chroma * f;
      float t = min + chroma * f;
      switch (sector) {
        case 0 -> set(a, k, max, t, min);
        case 1 -> set(a, k, q, max, min);
        case 2 -> set(a, k, min, max, t);
        case 3 -> set(a, k, min, q, max);
        case 4 -> set(a, k, t, min, max);
        default -> set(a, k, max, min, q);
      }
    }
  }

  private static void set(float[] a, int k, float r, float g, float b) {
    a[k] = r;
    a[k + 1] = g;
    a[k + 2] = b;
  }

  private void grayscale(int n) {
    float[] a = img;
    for (int k = 0; k < n; k += 3) {
      float g = gray(a[k], a[k + 1], a[k + 2]);
      a[k] = g;
      a[k + 1] = g;
      a[k + 2] = g;
    }
  }

  /** Separable Gaussian blur with reflect padding (torchvision gaussian_blur). */
  private void blur(ImageShape shape, ViewAugmentation aug, double sigma) {
    int height = shape.height();
    int width = shape.width();
    int c = shape.channels();
    int size = (int) (aug.blurKernelFraction() * Math.max(height, width));
    size = Math.max(3, size | 1);
    int half = size / 2;
    float[] kernel = new float[size];
    double total = 0;
    for (int i = 0; i < size; i++) {
      double x = (i - half) / sigma;
      double v = StrictMath.exp(-0.5 * x * x);
      kernel[i] = (float) v;
      total += v;
    }
    for (int i = 0; i < size; i++) {
      kernel[i] = (float) (kernel[i] / total);
    }
    int rowStride = width * c;
    float[] a = img;
    float[] t = tmp;
    float[] padded = new float[(width + 2 * half) * c];
    for (int y = 0; y < height; y++) {
      int row = y * rowStride;
      for (int px = 0; px < width + 2 * half; px++) {
        System.arraycopy(a, row + reflect(px - half, width) * c, padded, px * c, c);
      }
      for (int k = 0; k < rowStride; k++) {
        float acc = 0f;
        for (int i = 0; i < size; i++) {
          acc += kernel[i] * padded[k + i * c];
        }
        t[row + k] = acc;
      }
    }
    java.util.Arrays.fill(a, 0, height * rowStride, 0f);
    for (int y = 0; y < height; y++) {
      int out = y * rowStride;
      for (int i = 0; i < size; i++) {
        int in = reflect(y + i - half, height) * rowStride;
        float w = kernel[i];
        for (int k = 0; k < rowStride; k++) {
          a[out + k] += w * t[in + k];
        }
      }
    }
  }

  /** Reflect padding without repeating the edge, folded as often as a large kernel needs. */
  private static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    int m = Math.floorMod(i, period);
    return m < n ? m : period - m;
  }

  private void solarize(int n, float threshold) {
    float[] a = img;
    for (int k = 0; k < n; k++) {
      if (a[k] >= threshold) {
        a[k] = 1f - a[k];
      }
    }
  }

  /** ITU-R 601-2 luma, as torchvision rgb_to_grayscale. */
  private static float gray(float r, float g, float b) {
    return 0.299f * r + 0.587f * g + 0.114f * b;
  }

  private static float clamp(float v) {
    return v < 0f ? 0f : (v > 1f ? 1f : v);
  }

  private static boolean chance(SplittableRandom rng, double p) {
    if (p <= 0) {
      return false;
    }
    return p >= 1 || rng.nextDouble() < p;
  }

  private static double uniform(SplittableRandom rng, double min, double max) {
    return min + (max - min) * rng.nextDouble();
  }
}

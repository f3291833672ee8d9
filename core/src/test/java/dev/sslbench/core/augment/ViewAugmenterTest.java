package dev.sslbench.core.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sslbench.core.shard.ImageShape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ViewAugmenterTest {
  private static final ImageShape RGB = new ImageShape(32, 32, 3);
  private static final ImageShape GRAY = new ImageShape(28, 28, 1);
  private static final ViewAugmentation ID = ViewAugmentation.IDENTITY;

  private final ViewAugmenter augmenter = new ViewAugmenter();

  private static byte[] randomImage(ImageShape shape, long seed) {
    byte[] img = new byte[shape.pixels()];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < img.length; i++) {
      img[i] = (byte) r.nextInt(256);
    }
    return img;
  }

  /** Only colour jitter, always applied, with the given strengths. */
  private static ViewAugmentation jitter(double b, double c, double s, double h) {
    return new ViewAugmentation(1, 1, 1, 1, 0, 1, b, c, s, h, 0, 0, 0.1, 2, 0.1, 0, 0.5);
  }

  private static int u(byte b) {
    return b & 0xff;
  }

  @Test
  void samePairRandomGivesIdenticalBytesWhateverWasAugmentedBefore() {
    AugmentationPreset byol = AugmentationPresets.byol(RGB);
    byte[] img = randomImage(RGB, 1);
    byte[] first = augmenter.augment(img, RGB, byol.view2(), PairRandom.forView(3, 17, 1, 1));
    // Dirty the scratch buffers with other shapes and settings, then repeat on a fresh instance.
    augmenter.augment(randomImage(GRAY, 2), GRAY, byol.view1(), PairRandom.forView(3, 1, 0, 0));
    byte[] again = augmenter.augment(img, RGB, byol.view2(), PairRandom.forView(3, 17, 1, 1));
    byte[] other = new ViewAugmenter()
        .augment(img, RGB, byol.view2(), PairRandom.forView(3, 17, 1, 1));
    assertArrayEquals(first, again);
    assertArrayEquals(first, other);
    assertFalse(Arrays.equals(first,
        augmenter.augment(img, RGB, byol.view2(), PairRandom.forView(4, 17, 1, 1))));
    assertFalse(Arrays.equals(first,
        augmenter.augment(img, RGB, byol.view2(), PairRandom.forView(3, 17, 2, 1))));
  }

  @Test
  void sourceIsNotModified() {
    byte[] img = randomImage(RGB, 5);
    byte[] copy = img.clone();
    augmenter.augment(img, RGB, AugmentationPresets.byol(RGB).view1(), new SplittableRandom(1));
    assertArrayEquals(copy, img);
  }

  @Test
  void noneIsTheIdentityForAnyShape() {
    for (ImageShape shape : new ImageShape[] {RGB, GRAY, new ImageShape(5, 9, 3)}) {
      AugmentationPreset none = AugmentationPresets.byName("none", shape);
      byte[] img = randomImage(shape, 9);
      for (int i = 0; i < 5; i++) {
        assertArrayEquals(img, augmenter.augment(img, shape, none.view(i % 2),
            PairRandom.forView(0, i, 0, i % 2)), shape.toString());
      }
    }
  }

  @Test
  void flipRateMatchesItsProbabilityAndFlipMirrorsRows() {
    ImageShape shape = new ImageShape(4, 6, 3);
    byte[] img = randomImage(shape, 11);
    byte[] mirrored = new byte[img.length];
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 6; x++) {
        System.arraycopy(img, (y * 6 + x) * 3, mirrored, (y * 6 + 5 - x) * 3, 3);
      }
    }
    ViewAugmentation flip = ID.withFlipProb(0.5);
    int flipped = 0;
    int n = 4000;
    for (int i = 0; i < n; i++) {
      byte[] out = augmenter.augment(img, shape, flip, PairRandom.forView(7, i, 0, 0));
      if (Arrays.equals(out, mirrored)) {
        flipped++;
      } else {
        assertArrayEquals(img, out);
      }
    }
    // Binomial(4000, 0.5): sd 0.008, so +-0.04 is 5 sd.
    assertEquals(0.5, flipped / (double) n, 0.04);
    assertArrayEquals(mirrored,
        augmenter.augment(img, shape, ID.withFlipProb(1), new SplittableRandom(0)));
  }

  @Test
  void cropWindowsStayInsideAndFollowTheScaleAndRatioRanges() {
    ViewAugmentation aug = AugmentationPresets.byol(RGB).view1();
    int[] crop = new int[4];
    double areaSum = 0;
    int n = 5000;
    int small = 0;
    for (int i = 0; i < n; i++) {
      ViewAugmenter.cropWindow(RGB, aug, PairRandom.forView(1, i, 0, 0), crop);
      int top = crop[0];
      int left = crop[1];
      int h = crop[2];
      int w = crop[3];
      assertTrue(top >= 0 && left >= 0 && h >= 1 && w >= 1 && top + h <= 32 && left + w <= 32,
          Arrays.toString(crop));
      double area = h * w / 1024.0;
      // Rounding w and h to integers moves area and ratio a little off the continuous ranges.
      assertTrue(area > 0.04 && area <= 1.0, "area " + area);
      double ratio = w / (double) h;
      assertTrue(ratio > 0.6 && ratio < 1.6, "ratio " + ratio);
      areaSum += area;
      if (area < 0.3) {
        small++;
      }
    }
    double mean = areaSum / n;
    // Scale ~ U(0.08, 1) has mean 0.54; rejected large non-square tries pull it a bit lower.
    assertTrue(mean > 0.45 && mean < 0.58, "mean crop area " + mean);
    assertTrue(small > n / 5, "small crops " + small);
  }

  @Test
  void cropZoomsIntoAContiguousWindow() {
    // Horizontal ramp: a crop of half the width must keep the ramp monotone with half its span.
    ImageShape shape = new ImageShape(32, 32, 1);
    byte[] ramp = new byte[32 * 32];
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        ramp[y * 32 + x] = (byte) (x * 8);
      }
    }
    ViewAugmentation quarter = new ViewAugmentation(
        0.25, 0.25, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 2, 0.1, 0, 0.5);
    for (int i = 0; i < 20; i++) {
      byte[] out = augmenter.augment(ramp, shape, quarter, PairRandom.forView(0, i, 0, 0));
      for (int y = 0; y < 32; y++) {
        for (int x = 1; x < 32; x++) {
          assertTrue(u(out[y * 32 + x]) >= u(out[y * 32 + x - 1]));
        }
        int span = u(out[y * 32 + 31]) - u(out[y * 32]);
        assertTrue(span >= 15 * 8 - 8 && span <= 15 * 8, "span " + span);
      }
    }
  }

  @Test
  void colourOnlyOperationsAreNoOpsOnOneChannel() {
    byte[] img = randomImage(GRAY, 3);
    ViewAugmentation colourOnly = new ViewAugmentation(
        1, 1, 1, 1, 0, 1, 0, 0, 0.9, 0.5, 1.0, 0, 0.1, 2, 0.1, 0, 0.5);
    for (int i = 0; i < 10; i++) {
      assertArrayEquals(img, augmenter.augment(img, GRAY, colourOnly, new SplittableRandom(i)));
    }
    // Brightness still applies: every pixel scales by the same factor in [0.6, 1.4].
    byte[] bright = augmenter.augment(img, GRAY, jitter(0.4, 0, 0, 0), new SplittableRandom(8));
    assertFalse(Arrays.equals(img, bright));
    double factor = -1;
    for (int k = 0; k < img.length; k++) {
      if (u(img[k]) > 100 && u(bright[k]) < 255) {
        double f = u(bright[k]) / (double) u(img[k]);
        if (factor < 0) {
          factor = f;
        }
        assertEquals(factor, f, 0.02);
      }
    }
    assertTrue(factor >= 0.6 && factor <= 1.4, "factor " + factor);
  }

  @Test
  void contrastKeepsTheMeanAndScalesDeviations() {
    byte[] img = new byte[GRAY.pixels()];
    for (int k = 0; k < img.length; k++) {
      img[k] = (byte) (96 + (k % 2) * 64); // mean 128, deviations +-32: never clipped
    }
    byte[] out = augmenter.augment(img, GRAY, jitter(0, 0.4, 0, 0), new SplittableRandom(4));
    double mean = 0;
    for (byte b : out) {
      mean += u(b);
    }
    assertEquals(128, mean / out.length, 0.6);
    int spread = u(out[1]) - u(out[0]);
    assertTrue(spread >= 0.6 * 64 - 1 && spread <= 1.4 * 64 + 1, "spread " + spread);
  }

  @Test
  void grayscaleEqualisesChannelsAndSaturationZeroToo() {
    byte[] img = randomImage(RGB, 6);
    ViewAugmentation gray = new ViewAugmentation(
        1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1.0, 0, 0.1, 2, 0.1, 0, 0.5);
    byte[] out = augmenter.augment(img, RGB, gray, new SplittableRandom(0));
    for (int k = 0; k < out.length; k += 3) {
      assertEquals(out[k], out[k + 1]);
      assertEquals(out[k], out[k + 2]);
      int luma =
          (int) Math.round(0.299 * u(img[k]) + 0.587 * u(img[k + 1]) + 0.114 * u(img[k + 2]));
      assertEquals(luma, u(out[k]), 1);
    }
  }

  @Test
  void hueRotationKeepsValueAndChromaAndLeavesGreysAlone() {
    byte[] img = randomImage(RGB, 12);
    for (int k = 0; k < 30; k += 3) {
      img[k + 1] = img[k];
      img[k + 2] = img[k]; // the first ten pixels are grey
    }
    byte[] out = augmenter.augment(img, RGB, jitter(0, 0, 0, 0.5), new SplittableRandom(2));
    assertFalse(Arrays.equals(img, out));
    for (int k = 0; k < out.length; k += 3) {
      int maxIn = Math.max(u(img[k]), Math.max(u(img[k + 1]), u(img[k + 2])));
      int minIn = Math.min(u(img[k]), Math.min(u(img[k + 1]), u(img[k + 2])));
      int maxOut = Math.max(u(out[k]), Math.max(u(out[k + 1]), u(out[k + 2])));
      int minOut = Math.min(u(out[k]), Math.min(u(out[k + 1]), u(out[k + 2])));
      assertEquals(maxIn, maxOut, 1);
      assertEquals(minIn, minOut, 1);
    }
    assertArrayEquals(Arrays.copyOf(img, 30), Arrays.copyOf(out, 30));
    // A tiny shift is (nearly) the identity: checks the HSV round trip itself.
    byte[] tiny = augmenter.augment(img, RGB, jitter(0, 0, 0, 1e-6), new SplittableRandom(2));
    for (int k = 0; k < img.length; k++) {
      assertEquals(u(img[k]), u(tiny[k]), 1);
    }
  }

  @Test
  void hueShiftOfAThirdTurnRotatesPrimaries() {
    ImageShape one = new ImageShape(1, 1, 3);
    byte[] red = {(byte) 200, 0, 0};
    // With hue strength 1/3 the shift is uniform in [-1/3, 1/3]; find draws near the ends.
    int greens = 0;
    for (int i = 0; i < 400; i++) {
      byte[] out = augmenter.augment(red, one, jitter(0, 0, 0, 1.0 / 3), new SplittableRandom(i));
      assertEquals(200, Math.max(u(out[0]), Math.max(u(out[1]), u(out[2]))), 1);
      if (u(out[1]) >= 199 && u(out[0]) <= 1 && u(out[2]) <= 1) {
        greens++;
      }
    }
    assertTrue(greens >= 1, "a shift close to +1/3 turn makes red green");
  }

  @Test
  void solarizeInvertsPixelsAtOrAboveTheThreshold() {
    byte[] img = new byte[256 * 3];
    for (int k = 0; k < img.length; k++) {
      img[k] = (byte) (k / 3);
    }
    ImageShape shape = new ImageShape(16, 16, 3);
    ViewAugmentation sol = new ViewAugmentation(
        1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 2, 0.1, 1.0, 0.5);
    byte[] out = augmenter.augment(img, shape, sol, new SplittableRandom(0));
    for (int k = 0; k < img.length; k++) {
      int v = u(img[k]);
      assertEquals(v >= 128 ? 255 - v : v, u(out[k]), "value " + v);
    }
  }

  @Test
  void blurSmoothsButKeepsTheMean() {
    ImageShape shape = new ImageShape(64, 64, 1);
    byte[] checker = new byte[shape.pixels()];
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        checker[y * 64 + x] = (byte) (((x / 2 + y / 2) % 2) * 200 + 20);
      }
    }
    ViewAugmentation blur = new ViewAugmentation(
        1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1.0, 1.5, 2.0, 0.1, 0, 0.5);
    byte[] out = augmenter.augment(checker, shape, blur, new SplittableRandom(0));
    assertEquals(mean(checker), mean(out), 1.0);
    assertTrue(variance(out) < 0.2 * variance(checker),
        variance(out) + " vs " + variance(checker));
  }

  @Test
  void rejectsAnImageOfTheWrongSize() {
    assertThrows(IllegalArgumentException.class,
        () -> augmenter.augment(new byte[10], RGB, ID, new SplittableRandom(0)));
  }

  private static double mean(byte[] img) {
    double s = 0;
    for (byte b : img) {
      s += u(b);
    }
    return s / img.length;
  }

  private static double variance(byte[] img) {
    double m = mean(img);
    double s = 0;
    for (byte b : img) {
      s += (u(b) - m) * (u(b) - m);
    }
    return s / img.length;
  }
}

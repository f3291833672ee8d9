package dev.sslbench.core.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sslbench.core.data.IdxDataset;
import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.core.shard.ImageShape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Augmented views of real Fashion-MNIST images: a contact sheet under {@code target/} for a
 * person to look at, and statistics of the presets checked against their configuration.
 */
class AugmentationGridTest {
  private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
  private static final ImageShape GRAY = new ImageShape(28, 28, 1);
  private static final ImageShape RGB = new ImageShape(28, 28, 3);
  private static final int VIEWS = 8;
  private static final int ZOOM = 3;

  private static List<LabeledImage> images;

  @BeforeAll
  static void load() {
    images = IdxDataset.of(FASHION, "train").load(6);
  }

  /** A colour version of a gray image: channels differ, so grayscale is observable. */
  private static byte[] tint(byte[] gray) {
    byte[] rgb = new byte[gray.length * 3];
    for (int p = 0; p < gray.length; p++) {
      int v = gray[p] & 0xff;
      int x = p % 28;
      rgb[3 * p] = (byte) v;
      rgb[3 * p + 1] = (byte) (v * (28 - x) / 28);
      rgb[3 * p + 2] = (byte) (255 - v);
    }
    return rgb;
  }

  @Test
  void rendersAGridOfViewsForEveryPreset() throws IOException {
    List<String> presets = AugmentationPresets.names();
    int tile = 28 * ZOOM + 2;
    int rows = presets.size() * images.size();
    BufferedImage sheet =
        new BufferedImage((VIEWS + 1) * tile, rows * tile, BufferedImage.TYPE_INT_RGB);
    ViewAugmenter augmenter = new ViewAugmenter();
    int row = 0;
    for (String name : presets) {
      AugmentationPreset preset = AugmentationPresets.byName(name, RGB);
      for (LabeledImage img : images) {
        byte[] src = tint(img.pixels());
        draw(sheet, 0, row, src, tile);
        for (int v = 0; v < VIEWS; v++) {
          byte[] view = augmenter.augment(src, RGB, preset.view(v % 2),
              PairRandom.forView(7, img.index(), v / 2, v % 2));
          assertEquals(src.length, view.length);
          draw(sheet, v + 1, row, view, tile);
        }
        row++;
      }
    }
    Path out = Path.of("target", "augmentation-grid.png");
    Files.createDirectories(out.getParent());
    assertTrue(ImageIO.write(sheet, "png", out.toFile()));
    BufferedImage back = ImageIO.read(out.toFile());
    assertEquals(sheet.getWidth(), back.getWidth());
    assertEquals(rows * tile, back.getHeight());
  }

  private static void draw(BufferedImage sheet, int col, int row, byte[] rgb, int tile) {
    for (int y = 0; y < 28 * ZOOM; y++) {
      for (int x = 0; x < 28 * ZOOM; x++) {
        int p = ((y / ZOOM) * 28 + x / ZOOM) * 3;
        int c = ((rgb[p] & 0xff) << 16) | ((rgb[p + 1] & 0xff) << 8) | (rgb[p + 2] & 0xff);
        sheet.setRGB(col * tile + 1 + x, row * tile + 1 + y, c);
      }
    }
  }

  @Test
  void cropAreaStaysWithinEachPresetsScaleRange() {
    int[] crop = new int[4];
    double area = 28 * 28;
    for (String name : AugmentationPresets.names()) {
      ViewAugmentation aug = AugmentationPresets.byName(name, GRAY).view1();
      double smallest = 1;
      for (int i = 0; i < 4000; i++) {
        ViewAugmenter.cropWindow(GRAY, aug, PairRandom.forView(3, i, 0, 0), crop);
        int h = crop[2];
        int w = crop[3];
        // Each side is the rounded side of a crop of area in [min, max]: at most 0.5 off.
        assertTrue((h + 0.5) * (w + 0.5) >= aug.cropScaleMin() * area, name + " " + h + "x" + w);
        assertTrue((h - 0.5) * (w - 0.5) <= aug.cropScaleMax() * area, name + " " + h + "x" + w);
        assertTrue(crop[0] >= 0 && crop[0] + h <= 28 && crop[1] >= 0 && crop[1] + w <= 28);
        smallest = Math.min(smallest, h * w / area);
      }
      // The draws reach down to the configured minimum, not just stay above it.
      assertTrue(smallest < aug.cropScaleMin() + 0.05, name + " smallest crop " + smallest);
    }
  }

  @Test
  void flipRateIsNearOneHalf() {
    ViewAugmentation preset = AugmentationPresets.byName("simclr", GRAY).view1();
    // Only the preset's flip, so a view is either the source or its mirror image.
    ViewAugmentation flipOnly = ViewAugmentation.IDENTITY.withFlipProb(preset.flipProb());
    ViewAugmenter augmenter = new ViewAugmenter();
    byte[] src = images.get(0).pixels();
    byte[] mirror = new byte[src.length];
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        mirror[y * 28 + x] = src[y * 28 + 27 - x];
      }
    }
    int n = 2000;
    int flipped = 0;
    for (int i = 0; i < n; i++) {
      byte[] v = augmenter.augment(src, GRAY, flipOnly, PairRandom.forView(11, i, 0, 0));
      if (java.util.Arrays.equals(v, mirror)) {
        flipped++;
      } else {
        assertArrayEquals(src, v);
      }
    }
    double rate = (double) flipped / n;
    assertTrue(Math.abs(rate - 0.5) < 0.05, "flip rate " + rate);
  }

  @Test
  void grayscaleViewsOfColourImagesHaveEqualChannels() {
    ViewAugmenter augmenter = new ViewAugmenter();
    for (String name : List.of("simclr", "mocov2", "byol")) {
      ViewAugmentation aug = AugmentationPresets.byName(name, RGB).view1();
      int gray = 0;
      int n = 0;
      for (LabeledImage img : images) {
        byte[] src = tint(img.pixels());
        assertTrue(!equalChannels(src));
        for (int e = 0; e < 150; e++) {
          n++;
          if (equalChannels(augmenter.augment(src, RGB, aug, PairRandom.forView(5, img.index(),
              e, 0)))) {
            gray++;
          }
        }
      }
      double rate = (double) gray / n;
      assertTrue(Math.abs(rate - aug.grayscaleProb()) < 0.05, name + " grayscale rate " + rate);
    }
    // Forced grayscale, on top of every other operation of the preset.
    ViewAugmentation s = AugmentationPresets.byName("simclr", RGB).view1();
    ViewAugmentation always = new ViewAugmentation(s.cropScaleMin(), s.cropScaleMax(),
        s.cropRatioMin(), s.cropRatioMax(), s.flipProb(), s.colorJitterProb(), s.brightness(),
        s.contrast(), s.saturation(), s.hue(), 1.0, 1.0, s.blurSigmaMin(), s.blurSigmaMax(),
        s.blurKernelFraction(), s.solarizeProb(), s.solarizeThreshold());
    SplittableRandom rng = new SplittableRandom(1);
    for (LabeledImage img : images) {
      assertTrue(equalChannels(augmenter.augment(tint(img.pixels()), RGB, always, rng)));
    }
  }

  private static boolean equalChannels(byte[] rgb) {
    for (int p = 0; p < rgb.length; p += 3) {
      if (rgb[p] != rgb[p + 1] || rgb[p] != rgb[p + 2]) {
        return false;
      }
    }
    return true;
  }
}

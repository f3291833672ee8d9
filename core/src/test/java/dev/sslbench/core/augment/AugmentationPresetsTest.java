package dev.sslbench.core.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sslbench.core.shard.ImageShape;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmentationPresetsTest {

  @Test
  void byolMatchesTable6AndIsAsymmetric() {
    AugmentationPreset p = AugmentationPresets.byName("byol", new ImageShape(96, 96, 3));
    ViewAugmentation v1 = p.view1();
    ViewAugmentation v2 = p.view2();
    assertEquals(0.08, v1.cropScaleMin());
    assertEquals(1.0, v1.cropScaleMax());
    assertEquals(0.75, v1.cropRatioMin());
    assertEquals(4.0 / 3, v1.cropRatioMax());
    assertEquals(0.5, v1.flipProb());
    assertEquals(0.8, v1.colorJitterProb());
    assertEquals(0.4, v1.brightness());
    assertEquals(0.4, v1.contrast());
    assertEquals(0.2, v1.saturation());
    assertEquals(0.1, v1.hue());
    assertEquals(0.2, v1.grayscaleProb());
    assertEquals(1.0, v1.blurProb());
    assertEquals(0.1, v2.blurProb());
    assertEquals(0.1, v1.blurSigmaMin());
    assertEquals(2.0, v1.blurSigmaMax());
    assertEquals(0.1, v1.blurKernelFraction());
    assertEquals(0.0, v1.solarizeProb());
    assertEquals(0.2, v2.solarizeProb());
    assertEquals(0.5, v2.solarizeThreshold());
  }

  @Test
  void blurIsOffAtThirtyTwoPixelsAndBelow() {
    for (ImageShape small : List.of(new ImageShape(32, 32, 3), new ImageShape(28, 28, 1))) {
      AugmentationPreset p = AugmentationPresets.byol(small);
      assertEquals(0.0, p.view1().blurProb());
      assertEquals(0.0, p.view2().blurProb());
      assertEquals(0.2, p.view2().solarizeProb());
    }
    assertEquals(1.0, AugmentationPresets.byol(new ImageShape(33, 33, 3)).view1().blurProb());
  }

  @Test
  void unknownPresetAndBadParametersAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AugmentationPresets.byName("simclr2", new ImageShape(2, 2, 1)));
    assertTrue(e.getMessage().contains("simclr2") && e.getMessage().contains("byol"));
    e = assertThrows(IllegalArgumentException.class,
        () -> ViewAugmentation.IDENTITY.withFlipProb(1.5));
    assertTrue(e.getMessage().contains("flipProb"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ViewAugmentation.IDENTITY.withCropScale(0.5, 0.2));
  }

  @Test
  void pairRandomDependsOnEveryInputAndNothingElse() {
    assertEquals(
        PairRandom.forView(1, 2, 3, 0).nextLong(), PairRandom.forView(1, 2, 3, 0).nextLong());
    Set<Long> seen = new HashSet<>();
    for (long seed = 0; seed < 3; seed++) {
      for (long index = 0; index < 50; index++) {
        for (int epoch = 0; epoch < 3; epoch++) {
          for (int view = 0; view < 2; view++) {
            seen.add(PairRandom.forView(seed, index, epoch, view).nextLong());
          }
        }
      }
    }
    assertEquals(3 * 50 * 3 * 2, seen.size());
    assertNotEquals(
        PairRandom.forView(0, 1, 0, 0).nextLong(), PairRandom.forView(0, 0, 1, 0).nextLong());
  }

  @Test
  void simclrIsSymmetricWithStrongJitterAndBlurAbove32Pixels() {
    AugmentationPreset p = AugmentationPresets.byName("simclr", new ImageShape(96, 96, 3));
    assertEquals("simclr", p.name());
    assertEquals(p.view1(), p.view2());
    ViewAugmentation v = p.view1();
    assertEquals(0.08, v.cropScaleMin());
    assertEquals(0.8, v.colorJitterProb());
    assertEquals(0.8, v.brightness());
    assertEquals(0.8, v.contrast());
    assertEquals(0.8, v.saturation());
    assertEquals(0.2, v.hue());
    assertEquals(0.2, v.grayscaleProb());
    assertEquals(0.5, v.blurProb());
    assertEquals(0.0, v.solarizeProb());
    assertEquals(0.0,
        AugmentationPresets.byName("simclr", new ImageShape(32, 32, 3)).view2().blurProb());
  }

  @Test
  void mocov2AndSimsiamShareTheMilderAugmentation() {
    ImageShape big = new ImageShape(64, 64, 3);
    AugmentationPreset m = AugmentationPresets.byName("mocov2", big);
    AugmentationPreset s = AugmentationPresets.byName("simsiam", big);
    assertEquals(m.view1(), m.view2());
    assertEquals(m.view1(), s.view1());
    assertEquals("simsiam", s.name());
    ViewAugmentation v = m.view1();
    assertEquals(0.2, v.cropScaleMin());
    assertEquals(1.0, v.cropScaleMax());
    assertEquals(0.4, v.brightness());
    assertEquals(0.4, v.contrast());
    assertEquals(0.4, v.saturation());
    assertEquals(0.1, v.hue());
    assertEquals(0.8, v.colorJitterProb());
    assertEquals(0.2, v.grayscaleProb());
    assertEquals(0.5, v.blurProb());
    assertEquals(0.0,
        AugmentationPresets.byName("mocov2", new ImageShape(28, 28, 1)).view1().blurProb());
    assertEquals(List.of("byol", "simclr", "mocov2", "simsiam", "none"),
        AugmentationPresets.names());
  }
}

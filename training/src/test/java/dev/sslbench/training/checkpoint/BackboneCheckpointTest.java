package dev.sslbench.training.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.backbone.Backbones;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackboneCheckpointTest {
  private static final BackboneSpec SPEC = new BackboneSpec("custom", 8, new int[] {1, 1, 1, 1}, 3, "bn");
  private static final ImageShape SHAPE = new ImageShape(16, 16, 3);

  @TempDir Path tmp;

  private static float[] images(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * SHAPE.pixels()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  @Test
  void saveAndLoadGiveIdenticalFeatures() throws IOException {
    float[] x = images(10, 1);
    try (NDManager m = NDManager.newBaseManager()) {
      Block original = Backbones.randomInit(SPEC, 3, m);
      float[] before = FeatureExtractor.extract(original, m, x, 10, SHAPE, 4);
      assertEquals(10 * SPEC.featureDim(), before.length);
      Path dir = tmp.resolve("ckpt");
      BackboneCheckpoint.save(dir, original, SPEC, Map.of("method", "byol"));
      assertTrue(Files.isRegularFile(dir.resolve(BackboneCheckpoint.PARAMS_FILE)));
      assertTrue(Files.isRegularFile(dir.resolve(BackboneCheckpoint.META_FILE)));
      try (NDManager other = NDManager.newBaseManager()) {
        LoadedBackbone loaded = BackboneCheckpoint.load(dir, other);
        assertEquals(SPEC, loaded.spec());
        assertEquals("byol", loaded.meta().get("method"));
        assertArrayEquals(before, FeatureExtractor.extract(loaded.block(), other, x, 10, SHAPE, 4));
        // Other chunk sizes change only the float rounding (batch-size dependent kernels).
        assertArrayEquals(before, FeatureExtractor.extract(loaded.block(), other, x, 10, SHAPE, 3), 1e-4f);
      }
      // A different random init gives different features: the comparison above can fail.
      float[] otherInit = FeatureExtractor.extract(Backbones.randomInit(SPEC, 4, m), m, x, 10, SHAPE);
      assertFalse(Arrays.equals(before, otherInit));
    }
  }

  @Test
  void everyEncoderNormRoundTrips() throws IOException {
    float[] x = images(4, 2);
    for (String norm : BackboneSpec.NORMS) {
      BackboneSpec spec = SPEC.withNorm(norm);
      try (NDManager m = NDManager.newBaseManager()) {
        Block original = Backbones.randomInit(spec, 5, m);
        float[] before = FeatureExtractor.extract(original, m, x, 4, SHAPE, 4);
        Path dir = tmp.resolve(norm);
        BackboneCheckpoint.save(dir, original, spec, Map.of());
        LoadedBackbone loaded = BackboneCheckpoint.load(dir, m);
        assertEquals(spec, loaded.spec());
        assertArrayEquals(before, FeatureExtractor.extract(loaded.block(), m, x, 4, SHAPE, 4), norm);
      }
    }
  }

  @Test
  void savingReplacesAnExistingCheckpointAndLeavesNoTemporaries() throws IOException {
    Path dir = tmp.resolve("ckpt");
    try (NDManager m = NDManager.newBaseManager()) {
      BackboneCheckpoint.save(dir, Backbones.randomInit(SPEC, 1, m), SPEC, Map.of("run", "first"));
      BackboneCheckpoint.save(dir, Backbones.randomInit(SPEC, 2, m), SPEC, Map.of("run", "second"));
      assertEquals("second", BackboneCheckpoint.load(dir, m).meta().get("run"));
    }
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(1, files.count(), "only the checkpoint directory should remain");
    }
  }

  @Test
  void corruptParametersAreReportedWithTheFile() throws IOException {
    Path dir = tmp.resolve("ckpt");
    try (NDManager m = NDManager.newBaseManager()) {
      BackboneCheckpoint.save(dir, Backbones.randomInit(SPEC, 1, m), SPEC, Map.of());
      Path params = dir.resolve(BackboneCheckpoint.PARAMS_FILE);
      try (RandomAccessFile f = new RandomAccessFile(params.toFile(), "rw")) {
        f.seek(f.length() - 3);
        f.write(new byte[] {1, 2, 3});
      }
      IOException e = assertThrows(IOException.class, () -> BackboneCheckpoint.load(dir, m));
      assertTrue(e.getMessage().startsWith(params.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
      IOException missing = assertThrows(IOException.class, () -> BackboneCheckpoint.load(tmp.resolve("nope"), m));
      assertTrue(missing.getMessage().contains("not a backbone checkpoint"), missing.getMessage());
    }
  }

  @Test
  void extractRejectsAMismatchedInput() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block b = Backbones.randomInit(SPEC, 1, m);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> FeatureExtractor.extract(b, m, new float[10], 2, SHAPE));
      assertTrue(e.getMessage().contains("expected 2 images of 16x16x3"), e.getMessage());
    }
  }
}

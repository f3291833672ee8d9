package dev.sslbench.training.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.sslbench.core.shard.ImageShape;

/**
 * Frozen-backbone features for evaluation: inference mode (BatchNorm uses its running
 * statistics), no augmentation, chunk by chunk so memory stays bounded. Inputs are already
 * normalised NCHW float32 images.
 */
public final class FeatureExtractor {

  /** Images per forward pass when the caller does not choose. */
  public static final int DEFAULT_CHUNK = 256;

  private FeatureExtractor() {}

  /**
   * Features of {@code count} images stored back to back in {@code nchw}, row-major {@code [count x
   * featureDim]}.
   */
  public static float[] extract(
      Block backbone, NDManager manager, float[] nchw, int count, ImageShape shape) {
    return extract(backbone, manager, nchw, count, shape, DEFAULT_CHUNK);
  }

  /** As {@link #extract(Block, NDManager, float[], int, ImageShape)} with {@code chunk} images per pass. */
  public static float[] extract(
      Block backbone, NDManager manager, float[] nchw, int count, ImageShape shape, int chunk) {
    int pixels = shape.pixels();
    if (count < 0 || (long) count * pixels != nchw.length) {
      throw new IllegalArgumentException(
          "expected " + count + " images of " + shape + " (" + (long) count * pixels
              + " floats), got " + nchw.length + " floats");
    }
    if (chunk <= 0) {
      throw new IllegalArgumentException("chunk must be positive, got " + chunk);
    }
    ParameterStore store = new ParameterStore(manager, false);
    float[] features = null;
    int dim = -1;
    for (int start = 0; start < count; start += chunk) {
      int n = Math.min(chunk, count - start);
      try (NDManager step = manager.newSubManager()) {
        float[] slice = new float[n * pixels];
        System.arraycopy(nchw, start * pixels, slice, 0, slice.length);
        NDArray x = step.create(slice, new Shape(n, shape.channels(), shape.height(), shape.width()));
        NDArray y = backbone.forward(store, new NDList(x), false).singletonOrThrow();
        float[] out = y.toFloatArray();
        if (features == null) {
          dim = out.length / n;
          features = new float[count * dim];
        }
        System.arraycopy(out, 0, features, start * dim, out.length);
      }
    }
    return features == null ? new float[0] : features;
  }
}

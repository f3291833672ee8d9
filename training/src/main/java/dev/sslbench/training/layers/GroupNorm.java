package dev.sslbench.training.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * GroupNorm (Wu and He, arXiv 1803.08494) over NCHW maps: channels split into {@code groups}
 * contiguous groups, each normalised per sample over its channels and all positions (biased
 * variance, as {@code torch.nn.GroupNorm}), then a learned per-channel scale and shift. DJL ships
 * no GroupNorm; one group is LayerNorm over (C, H, W) with a per-channel affine.
 */
public final class GroupNorm extends AbstractBlock {
  private static final byte VERSION = 1;

  /** The group count of the paper's ResNets; narrower layers get fewer (see {@link #groupsFor}). */
  public static final int DEFAULT_GROUPS = 32;

  private final int channels;
  private final int groups;
  private final float epsilon;
  private final Parameter gamma;
  private final Parameter beta;

  /** A GroupNorm of {@code channels} channels in {@code groups} groups; {@code groups} must divide {@code channels}. */
  public GroupNorm(int channels, int groups, float epsilon) {
    super(VERSION);
    if (channels <= 0 || groups <= 0 || channels % groups != 0) {
      throw new IllegalArgumentException(
          "GroupNorm needs groups dividing channels, got " + groups + " groups for " + channels + " channels");
    }
    this.channels = channels;
    this.groups = groups;
    this.epsilon = epsilon;
    this.gamma = addParameter(
        Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).optShape(new Shape(channels)).build());
    this.beta = addParameter(
        Parameter.builder().setName("beta").setType(Parameter.Type.BETA).optShape(new Shape(channels)).build());
  }

  /**
   * Groups for a layer of {@code channels}: 32, or fewer for narrow layers so that every group
   * keeps at least two channels (a one-channel group would be InstanceNorm), i.e. the largest
   * divisor of {@code channels} not above {@code min(32, channels / 2)}; 1 for a single channel.
   */
  public static int groupsFor(int channels) {
    int g = Math.max(1, Math.min(DEFAULT_GROUPS, channels / 2));
    while (channels % g != 0) {
      g--;
    }
    return g;
  }

  public int groups() {
    return groups;
  }

  /** {@code (x - mean_g) / sqrt(var_g + eps)} per sample and group, without the affine. */
  public static NDArray normalize(NDArray x, int groups, float epsilon) {
    Shape shape = x.getShape();
    NDArray grouped = x.reshape(shape.get(0), groups, -1);
    NDArray mean = grouped.mean(new int[] {2}, true);
    NDArray centered = grouped.sub(mean);
    NDArray var = centered.square().mean(new int[] {2}, true);
    return centered.div(var.add(epsilon).sqrt()).reshape(shape);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    if (x.getShape().dimension() < 2 || x.getShape().get(1) != channels) {
      throw new IllegalArgumentException(
          "GroupNorm of " + channels + " channels got input of shape " + x.getShape());
    }
    Shape affine = affineShape(x.getShape());
    NDArray g = store.getValue(gamma, x.getDevice(), training).reshape(affine);
    NDArray b = store.getValue(beta, x.getDevice(), training).reshape(affine);
    return new NDList(normalize(x, groups, epsilon).mul(g).add(b));
  }

  /** (1, C, 1, ...) so that the per-channel scale broadcasts over any trailing axes. */
  private static Shape affineShape(Shape input) {
    long[] dims = new long[input.dimension()];
    Arrays.fill(dims, 1);
    dims[1] = input.get(1);
    return new Shape(dims);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}

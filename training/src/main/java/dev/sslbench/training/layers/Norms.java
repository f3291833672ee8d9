package dev.sslbench.training.layers;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import java.util.List;
import java.util.Locale;

/**
 * Builds the normalisation layer named by a config switch: {@code bn}, {@code ln}, {@code none}
 * for heads (vectors) and, for encoder feature maps, also {@code gn_ws} (GroupNorm after
 * weight-standardised convolutions).
 */
public final class Norms {

  /** Norm names accepted by {@link #create} (heads). */
  public static final List<String> NAMES = List.of("bn", "ln", "none");

  /** Norm names accepted by {@link #forMaps} (encoders). */
  public static final List<String> MAP_NAMES = List.of("bn", "gn_ws", "ln", "none");

  /** GroupNorm / LayerNorm epsilon, PyTorch's default. */
  private static final float EPSILON = 1e-5f;

  private Norms() {}

  /**
   * A norm over axis 1 (channels of NCHW maps, features of (batch, dim) vectors).
   *
   * @param affine whether the layer learns a scale and shift; SimSiam's last projector BN has none
   */
  public static Block create(String name, boolean affine) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      // DJL's momentum 0.9 is PyTorch's momentum 0.1 (it is converted to 1 - 0.9 for libtorch).
      case "bn" -> BatchNorm.builder().optEpsilon(1e-5f).optCenter(affine).optScale(affine).build();
      case "ln" -> LayerNorm.builder().axis(1).optCenter(affine).optScale(affine).build();
      case "none" -> Blocks.identityBlock();
      default ->
          throw new IllegalArgumentException("unknown norm '" + name + "', expected one of " + NAMES);
    };
  }

  /**
   * A norm for NCHW maps of {@code channels} channels: {@code bn} BatchNorm; {@code gn_ws}
   * GroupNorm with {@link GroupNorm#groupsFor} groups; {@code ln} GroupNorm with one group, i.e.
   * LayerNorm over (C, H, W) with a per-channel scale and shift (the ConvNet usage of arXiv
   * 1803.08494, not a per-element affine); {@code none} the identity.
   */
  public static Block forMaps(String name, int channels) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "bn" -> create("bn", true);
      case "gn_ws" -> new GroupNorm(channels, GroupNorm.groupsFor(channels), EPSILON);
      case "ln" -> new GroupNorm(channels, 1, EPSILON);
      case "none" -> Blocks.identityBlock();
      default ->
          throw new IllegalArgumentException("unknown norm '" + name + "', expected one of " + MAP_NAMES);
    };
  }

  /** Whether {@code name} adds a learned shift after the layer before it, making that layer's bias redundant. */
  public static boolean replacesBias(String name) {
    return !"none".equalsIgnoreCase(name);
  }

  /** Whether convolutions before a norm named {@code name} standardise their weights. */
  public static boolean standardizesWeights(String name) {
    return "gn_ws".equalsIgnoreCase(name);
  }
}

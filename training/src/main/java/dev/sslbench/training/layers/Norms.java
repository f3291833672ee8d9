package dev.sslbench.training.layers;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import java.util.List;
import java.util.Locale;

/** Builds the normalisation layer named by a config switch ({@code bn}, {@code ln}, {@code none}). */
public final class Norms {

  /** Norm names accepted by {@link #create}. */
  public static final List<String> NAMES = List.of("bn", "ln", "none");

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

  /** Whether {@code name} adds a learned shift after the layer before it, making that layer's bias redundant. */
  public static boolean replacesBias(String name) {
    return !"none".equalsIgnoreCase(name);
  }
}

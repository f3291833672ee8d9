package dev.sslbench.training.backbone;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Shape of a small-image ResNet: base width, BasicBlocks per stage, input channels and the norm
 * layer used after every convolution.
 *
 * @param preset the preset name this spec came from ({@code custom} when built by hand)
 * @param width channels of the first stage; stages double it, so features are {@code 8 * width}
 * @param blocksPerStage BasicBlocks in each of the four stages (strides 1, 2, 2, 2)
 * @param inChannels image channels (1 for Fashion-MNIST, 3 for CIFAR)
 * @param norm {@code bn} (BatchNorm), {@code gn_ws} (GroupNorm, 32 groups or fewer for narrow
 *     layers, after weight-standardised convolutions), {@code ln} (LayerNorm over C, H, W: one-group
 *     GroupNorm) or {@code none}; see {@code Norms.forMaps}
 */
public record BackboneSpec(
    String preset, int width, int[] blocksPerStage, int inChannels, String norm) {

  /** Norm layers a backbone can be built with. */
  public static final java.util.List<String> NORMS = dev.sslbench.training.layers.Norms.MAP_NAMES;

  /** Names accepted by {@link #preset}. */
  public static final java.util.List<String> PRESETS =
      java.util.List.of("resnet18", "resnet-small", "resnet-tiny");

  public BackboneSpec {
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(blocksPerStage, "blocksPerStage");
    Objects.requireNonNull(norm, "norm");
    if (width <= 0) {
      throw new IllegalArgumentException("backbone width must be positive, got " + width);
    }
    if (blocksPerStage.length != 4) {
      throw new IllegalArgumentException(
          "blocksPerStage needs 4 stages, got " + Arrays.toString(blocksPerStage));
    }
    for (int b : blocksPerStage) {
      if (b <= 0) {
        throw new IllegalArgumentException(
            "every stage needs at least one block, got " + Arrays.toString(blocksPerStage));
      }
    }
    if (inChannels <= 0) {
      throw new IllegalArgumentException("inChannels must be positive, got " + inChannels);
    }
    norm = norm.toLowerCase(Locale.ROOT);
    if (!NORMS.contains(norm)) {
      throw new IllegalArgumentException("unknown backbone norm '" + norm + "', expected one of " + NORMS);
    }
    blocksPerStage = blocksPerStage.clone();
  }

  /**
   * A named preset: {@code resnet18} (width 64, blocks 2-2-2-2, the CIFAR ResNet-18), {@code
   * resnet-small} (width 16, blocks 1-1-1-1) or {@code resnet-tiny} (width 8, blocks 1-1-1-1).
   * {@code resnet-tiny} is the CPU preset: BYOL at batch 256 on 28x28x1 trains at about 400-500
   * pairs per second on two cores, where width 16 manages about 250.
   */
  public static BackboneSpec preset(String name, int inChannels) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "resnet18" -> new BackboneSpec("resnet18", 64, new int[] {2, 2, 2, 2}, inChannels, "bn");
      case "resnet-small" ->
          new BackboneSpec("resnet-small", 16, new int[] {1, 1, 1, 1}, inChannels, "bn");
      case "resnet-tiny" ->
          new BackboneSpec("resnet-tiny", 8, new int[] {1, 1, 1, 1}, inChannels, "bn");
      default ->
          throw new IllegalArgumentException(
              "unknown backbone preset '" + name + "', expected one of " + PRESETS);
    };
  }

  /** Dimension of the pooled feature vector: the last stage has {@code 8 * width} channels. */
  public int featureDim() {
    return 8 * width;
  }

  @Override
  public int[] blocksPerStage() {
    return blocksPerStage.clone();
  }

  /** This spec with another norm layer. */
  public BackboneSpec withNorm(String newNorm) {
    return new BackboneSpec(preset, width, blocksPerStage, inChannels, newNorm);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BackboneSpec s
        && width == s.width
        && inChannels == s.inChannels
        && preset.equals(s.preset)
        && norm.equals(s.norm)
        && Arrays.equals(blocksPerStage, s.blocksPerStage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(preset, width, inChannels, norm) * 31 + Arrays.hashCode(blocksPerStage);
  }

  @Override
  public String toString() {
    return preset + "(width=" + width + ", blocks=" + Arrays.toString(blocksPerStage)
        + ", in=" + inChannels + ", norm=" + norm + ")";
  }
}

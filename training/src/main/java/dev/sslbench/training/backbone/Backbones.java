package dev.sslbench.training.backbone;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import dev.sslbench.training.layers.Norms;
import dev.sslbench.training.layers.WsConv2d;
import java.util.List;

/**
 * Builds small-image ResNets from a {@link BackboneSpec}: 3x3 stride-1 stem without max-pool (the
 * CIFAR stem; the ImageNet stem costs about 10 points at 32 px), four stages of BasicBlocks with
 * strides 1, 2, 2, 2, global average pooling, flattened {@code featureDim()} output.
 *
 * <p>Convolution weights keep DJL's default initialisation (Kaiming normal, fan-in, gain 2). The
 * spec's norm picks the layer after every convolution ({@link Norms#forMaps}); with {@code gn_ws}
 * every convolution, shortcuts included, is a {@link WsConv2d}.
 */
public final class Backbones {

  /** Spatial size used only to infer parameter shapes; pooling makes the net size-agnostic. */
  private static final int SHAPE_PROBE_SIDE = 32;

  private Backbones() {}

  /** An uninitialised backbone block; call {@link #initialize} or load parameters into it. */
  public static Block create(BackboneSpec spec) {
    SequentialBlock net = new SequentialBlock();
    net.add(conv(spec.width(), 3, 1, spec.norm()))
        .add(Norms.forMaps(spec.norm(), spec.width()))
        .add(Activation.reluBlock());
    int channels = spec.width();
    int[] blocks = spec.blocksPerStage();
    for (int stage = 0; stage < blocks.length; stage++) {
      int out = spec.width() << stage;
      for (int b = 0; b < blocks[stage]; b++) {
        int stride = (b == 0 && stage > 0) ? 2 : 1;
        net.add(basicBlock(channels, out, stride, spec.norm()));
        channels = out;
      }
    }
    net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
    return net;
  }

  /** Initialises {@code block} (built from {@code spec}) in {@code manager} with the engine's current RNG. */
  public static void initialize(Block block, BackboneSpec spec, NDManager manager) {
    block.initialize(
        manager,
        DataType.FLOAT32,
        new Shape(1, spec.inChannels(), SHAPE_PROBE_SIDE, SHAPE_PROBE_SIDE));
  }

  /**
   * An initialised, untrained backbone for the random-init baseline; the same seed gives the same
   * weights. Seeds the engine's global RNG, like every seeded DJL initialisation.
   */
  public static Block randomInit(BackboneSpec spec, long seed, NDManager manager) {
    Engine.getInstance().setRandomSeed(Long.hashCode(seed));
    Block block = create(spec);
    initialize(block, spec, manager);
    return block;
  }

  /** A BasicBlock: two 3x3 convs with norm, plus an identity or 1x1 projection shortcut, summed and ReLU'd. */
  static Block basicBlock(int inChannels, int outChannels, int stride, String norm) {
    SequentialBlock main =
        new SequentialBlock()
            .add(conv(outChannels, 3, stride, norm))
            .add(Norms.forMaps(norm, outChannels))
            .add(Activation.reluBlock())
            .add(conv(outChannels, 3, 1, norm))
            .add(Norms.forMaps(norm, outChannels));
    Block shortcut =
        (stride == 1 && inChannels == outChannels)
            ? Blocks.identityBlock()
            : new SequentialBlock()
                .add(conv(outChannels, 1, stride, norm))
                .add(Norms.forMaps(norm, outChannels));
    return new ParallelBlock(Backbones::sumRelu, List.of(main, shortcut));
  }

  private static NDList sumRelu(List<NDList> branches) {
    return new NDList(
        Activation.relu(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow())));
  }

  private static Block conv(int filters, int kernel, int stride, String norm) {
    int pad = kernel / 2;
    if (Norms.standardizesWeights(norm)) {
      return new WsConv2d(filters, kernel, stride, pad);
    }
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .optBias(!Norms.replacesBias(norm))
        .build();
  }
}

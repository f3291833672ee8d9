package dev.sslbench.training.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D convolution with Weight Standardization (Qiao et al., arXiv 1903.10520), the partner of
 * GroupNorm in "BYOL works even without batch statistics": every forward pass replaces each
 * output filter by {@code (w - mean) / sqrt(var + 1e-5)} over its (in, kh, kw) elements (biased
 * variance, as timm's {@code StdConv2d}) and convolves with that. The standardisation is part of
 * the graph, so gradients reach the raw weight through it.
 */
public final class WsConv2d extends AbstractBlock {
  private static final byte VERSION = 1;

  /** Added to the per-filter variance. */
  public static final float EPSILON = 1e-5f;

  private final int filters;
  private final int kernel;
  private final int stride;
  private final int padding;
  private final Parameter weight;

  /** A bias-free {@code kernel x kernel} convolution to {@code filters} channels; a norm follows it and shifts. */
  public WsConv2d(int filters, int kernel, int stride, int padding) {
    super(VERSION);
    if (filters <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
      throw new IllegalArgumentException(
          "bad convolution: filters " + filters + ", kernel " + kernel + ", stride " + stride + ", padding " + padding);
    }
    this.filters = filters;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    // Parameter.Type.WEIGHT gets the same Kaiming-normal initialiser as DJL's Conv2d weight.
    this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
  }

  /** Each filter (first axis) standardised to mean 0, variance 1 over its other axes. */
  public static NDArray standardize(NDArray w) {
    // Flattened to (filters, rest): the PyTorch engine reduces over one axis at a time.
    NDArray flat = w.reshape(w.getShape().get(0), -1);
    NDArray centered = flat.sub(flat.mean(new int[] {1}, true));
    NDArray var = centered.square().mean(new int[] {1}, true);
    return centered.div(var.add(EPSILON).sqrt()).reshape(w.getShape());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray w = standardize(store.getValue(weight, x.getDevice(), training));
    return Conv2d.conv2d(
        x, w, null, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1);
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    weight.setShape(new Shape(filters, inputShapes[0].get(1), kernel, kernel));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    long h = (in.get(2) + 2L * padding - kernel) / stride + 1;
    long w = (in.get(3) + 2L * padding - kernel) / stride + 1;
    return new Shape[] {new Shape(in.get(0), filters, h, w)};
  }
}

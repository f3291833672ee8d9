package dev.sslbench.training.data;

/**
 * A batch of view pairs ready for the network: both views as normalised NCHW float32, plus the
 * source image index and label of each pair (for checks; training ignores labels).
 *
 * @param size pairs in the batch
 */
public record PairBatch(int size, float[] view1, float[] view2, long[] imageIndices, int[] labels) {}

package dev.sslbench.pipelines.transforms;

import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.pipelines.coders.ChannelStatsCoder;
import dev.sslbench.pipelines.coders.LongArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/** Per-channel pixel sums and sums of squares over the source images: one {@link ChannelStats}. */
public final class ComputeChannelStats
    extends PTransform<PCollection<LabeledImage>, PCollection<ChannelStats>> {
  private final ImageShape shape;

  public ComputeChannelStats(ImageShape shape) {
    this.shape = shape;
  }

  @Override
  public PCollection<ChannelStats> expand(PCollection<LabeledImage> images) {
    return images
        .apply("SumPixels", Combine.globally(new SumPixelsFn(shape)))
        .setCoder(ChannelStatsCoder.of());
  }

  /** Accumulator layout: [values per channel, sum_0 .. sum_{c-1}, sumSq_0 .. sumSq_{c-1}]. */
  static final class SumPixelsFn extends Combine.CombineFn<LabeledImage, long[], ChannelStats> {
    private final ImageShape shape;
    private final int channels;

    SumPixelsFn(ImageShape shape) {
      this.shape = shape;
      this.channels = shape.channels();
    }

    @Override
    public long[] createAccumulator() {
      return new long[1 + 2 * channels];
    }

    @Override
    public long[] addInput(long[] acc, LabeledImage image) {
      byte[] px = image.pixels();
      if (px.length != shape.pixels()) {
        return acc; // dead-lettered by AugmentPairs; the stats describe the usable images
      }
      acc[0] += px.length / channels;
      for (int c = 0; c < channels; c++) {
        long s = 0;
        long sq = 0;
        for (int k = c; k < px.length; k += channels) {
          int v = px[k] & 0xff;
          s += v;
          sq += v * v;
        }
        acc[1 + c] += s;
        acc[1 + channels + c] += sq;
      }
      return acc;
    }

    @Override
    public long[] mergeAccumulators(Iterable<long[]> accs) {
      long[] merged = createAccumulator();
      for (long[] a : accs) {
        for (int i = 0; i < merged.length; i++) {
          merged[i] += a[i];
        }
      }
      return merged;
    }

    @Override
    public ChannelStats extractOutput(long[] acc) {
      long[] sum = new long[channels];
      long[] sq = new long[channels];
      System.arraycopy(acc, 1, sum, 0, channels);
      System.arraycopy(acc, 1 + channels, sq, 0, channels);
      return new ChannelStats(acc[0], sum, sq);
    }

    @Override
    public Coder<long[]> getAccumulatorCoder(CoderRegistry registry, Coder<LabeledImage> input) {
      return LongArrayCoder.of();
    }
  }
}

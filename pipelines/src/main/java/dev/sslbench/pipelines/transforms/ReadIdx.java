package dev.sslbench.pipelines.transforms;

import dev.sslbench.core.data.IdxImages;
import dev.sslbench.core.data.IdxReader;
import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.pipelines.coders.LabeledImageCoder;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Streams the first {@code limit} images (all when 0) of an IDX image/label file pair, then
 * reshuffles them so that the steps after it run in parallel.
 *
 * <p>The files are read sequentially by one {@code DoFn} call, one image in memory at a time; a
 * malformed file fails the pipeline with the {@code DatasetFormatException} naming it.
 */
public final class ReadIdx extends PTransform<PBegin, PCollection<LabeledImage>> {
  // Few, large bundles: one random key per image would make ~60k one-image bundles, and a
  // GroupByKey downstream (WriteShards) on the DirectRunner copies each key's bag per bundle,
  // which turns quadratic. 64 buckets still spread the work over every core.
  private static final int RESHUFFLE_BUCKETS = 64;

  private final String images;
  private final String labels;
  private final long limit;

  public ReadIdx(Path images, Path labels, long limit) {
    this.images = images.toString();
    this.labels = labels.toString();
    this.limit = limit;
  }

  @Override
  public PCollection<LabeledImage> expand(PBegin begin) {
    return begin
        .apply("Start", Impulse.create())
        .apply("StreamImages", ParDo.of(new StreamImagesFn(images, labels, limit)))
        .setCoder(LabeledImageCoder.of())
        .apply("Reshuffle",
            Reshuffle.<LabeledImage>viaRandomKey().withNumBuckets(RESHUFFLE_BUCKETS));
  }

  /** Emits every image of the file pair; the impulse element only triggers the read. */
  static final class StreamImagesFn extends DoFn<byte[], LabeledImage> {
    private final Counter imagesRead = Metrics.counter(ReadIdx.class, "imagesRead");
    private final String images;
    private final String labels;
    private final long limit;

    StreamImagesFn(String images, String labels, long limit) {
      this.images = images;
      this.labels = labels;
      this.limit = limit;
    }

    @ProcessElement
    public void processElement(OutputReceiver<LabeledImage> out) throws IOException {
      try (IdxImages in = IdxReader.open(Path.of(images), Path.of(labels), limit)) {
        for (LabeledImage image : in) {
          out.output(image);
          imagesRead.inc();
        }
      }
    }
  }
}

package dev.sslbench.pipelines.transforms;

import dev.sslbench.core.data.CifarDataset;
import dev.sslbench.core.data.ImageDataset;
import dev.sslbench.core.data.ImageDatasets;
import dev.sslbench.core.data.ImageRecords;
import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.core.data.SourceRecord;
import dev.sslbench.pipelines.coders.LabeledImageCoder;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Streams the first {@code limit} records (all when 0) of a source dataset in any format {@link
 * ImageDatasets} opens, then reshuffles the images so that the steps after it run in parallel.
 *
 * <p>The source is read sequentially by one {@code DoFn} call, one record in memory at a time. A
 * bad record (an image that cannot be decoded) goes to {@link #BAD_RECORDS}, one dead letter per
 * augmentation epoch so that {@code pairs + deadLetters = images * epochs} still holds; a file
 * malformed as a whole fails the pipeline with the {@code DatasetFormatException} naming it.
 */
public final class ReadImages extends PTransform<PBegin, PCollectionTuple> {
  /** The decoded images. */
  public static final TupleTag<LabeledImage> IMAGES = new TupleTag<>() {};

  /** Records that could not be decoded, one entry per augmentation epoch. */
  public static final TupleTag<DeadLetter> BAD_RECORDS = new TupleTag<>() {};

  /** Stage name recorded in the dead letters of bad source records. */
  public static final String STAGE = "ReadImages";

  // Few, large bundles: one random key per image would make ~60k one-image bundles, and a
  // GroupByKey downstream (WriteShards) on the DirectRunner copies each key's bag per bundle,
  // which turns quadratic. 64 buckets still spread the work over every core.
  private static final int RESHUFFLE_BUCKETS = 64;

  private final Source source;
  private final long limit;
  private final int epochs;

  /** What to open, as plain strings so that the DoFn serializes. */
  record Source(String format, String dir, String split, String cifar100Label)
      implements java.io.Serializable {
    ImageDataset open() {
      return ImageDatasets.open(format, Path.of(dir), split,
          CifarDataset.Cifar100Label.parse(cifar100Label));
    }
  }

  /**
   * @param cifar100Label {@code coarse} or {@code fine}; only CIFAR-100 uses it
   * @param epochs augmentation epochs, the number of dead letters per bad record
   */
  public ReadImages(String format, Path dir, String split, String cifar100Label, long limit,
      int epochs) {
    CifarDataset.Cifar100Label.parse(cifar100Label);
    if (epochs < 1) {
      throw new IllegalArgumentException("augmentation epochs must be >= 1, got " + epochs);
    }
    this.source = new Source(format, dir.toString(), split, cifar100Label);
    this.limit = limit;
    this.epochs = epochs;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple read = begin
        .apply("Start", Impulse.create())
        .apply("StreamRecords", ParDo.of(new StreamRecordsFn(source, limit, epochs))
            .withOutputTags(IMAGES, TupleTagList.of(BAD_RECORDS)));
    read.get(IMAGES).setCoder(LabeledImageCoder.of());
    read.get(BAD_RECORDS).setCoder(SerializableCoder.of(DeadLetter.class));
    PCollection<LabeledImage> images = read.get(IMAGES).apply("Reshuffle",
        Reshuffle.<LabeledImage>viaRandomKey().withNumBuckets(RESHUFFLE_BUCKETS));
    return PCollectionTuple.of(IMAGES, images).and(BAD_RECORDS, read.get(BAD_RECORDS));
  }

  /** Emits every record of the source; the impulse element only triggers the read. */
  static final class StreamRecordsFn extends DoFn<byte[], LabeledImage> {
    private final Counter imagesRead = Metrics.counter(ReadImages.class, "imagesRead");
    private final Counter badRecords = Metrics.counter(ReadImages.class, "badRecords");
    private final Source source;
    private final long limit;
    private final int epochs;

    StreamRecordsFn(Source source, long limit, int epochs) {
      this.source = source;
      this.limit = limit;
      this.epochs = epochs;
    }

    @ProcessElement
    public void processElement(MultiOutputReceiver out) throws IOException {
      try (ImageRecords in = source.open().records(limit)) {
        for (SourceRecord r : in) {
          if (r.isBad()) {
            for (int epoch = 0; epoch < epochs; epoch++) {
              out.get(BAD_RECORDS).output(
                  new DeadLetter(r.index(), epoch, STAGE, r.source(), r.badReason()));
            }
            badRecords.inc();
          } else {
            out.get(IMAGES).output(r.image());
            imagesRead.inc();
          }
        }
      }
    }
  }
}

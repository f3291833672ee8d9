package dev.sslbench.pipelines.transforms;

import dev.sslbench.core.augment.AugmentationPreset;
import dev.sslbench.core.augment.PairRandom;
import dev.sslbench.core.augment.ViewAugmenter;
import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.core.shard.ViewPair;
import dev.sslbench.pipelines.coders.ViewPairCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * For each image and each augmentation epoch, two views drawn from {@code PairRandom(seed, index,
 * epoch, view 0 / 1)}. Outputs {@link #PAIRS}; an image that cannot be augmented (wrong size)
 * goes to {@link #DEAD_LETTERS}, one entry per epoch, instead of failing the run.
 */
public final class AugmentPairs extends PTransform<PCollection<LabeledImage>, PCollectionTuple> {
  /** The view pairs. */
  public static final TupleTag<ViewPair> PAIRS = new TupleTag<>() {};

  /** Pairs that could not be produced. */
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};

  private final AugmentationPreset preset;
  private final ImageShape shape;
  private final long seed;
  private final int epochs;

  public AugmentPairs(AugmentationPreset preset, ImageShape shape, long seed, int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("augmentation epochs must be >= 1, got " + epochs);
    }
    this.preset = preset;
    this.shape = shape;
    this.seed = seed;
    this.epochs = epochs;
  }

  @Override
  public PCollectionTuple expand(PCollection<LabeledImage> images) {
    PCollectionTuple out = images.apply("Augment",
        ParDo.of(new AugmentFn(preset, shape, seed, epochs))
            .withOutputTags(PAIRS, TupleTagList.of(DEAD_LETTERS)));
    out.get(PAIRS).setCoder(ViewPairCoder.of());
    out.get(DEAD_LETTERS).setCoder(SerializableCoder.of(DeadLetter.class));
    return out;
  }

  /** Augments one image for every epoch; one augmenter (scratch buffers) per DoFn instance. */
  static final class AugmentFn extends DoFn<LabeledImage, ViewPair> {
    private final Counter pairs = Metrics.counter(AugmentPairs.class, "pairsAugmented");
    private final Counter dead = Metrics.counter(AugmentPairs.class, "deadLetters");
    private final AugmentationPreset preset;
    private final ImageShape shape;
    private final long seed;
    private final int epochs;
    private transient ViewAugmenter augmenter;

    AugmentFn(AugmentationPreset preset, ImageShape shape, long seed, int epochs) {
      this.preset = preset;
      this.shape = shape;
      this.seed = seed;
      this.epochs = epochs;
    }

    @Setup
    public void setup() {
      augmenter = new ViewAugmenter();
    }

    @ProcessElement
    public void processElement(@Element LabeledImage image, MultiOutputReceiver out) {
      long index = image.index();
      for (int epoch = 0; epoch < epochs; epoch++) {
        if (image.pixels().length != shape.pixels()) {
          out.get(DEAD_LETTERS).output(new DeadLetter(index, epoch, "AugmentPairs",
              "image has " + image.pixels().length + " bytes, shape " + shape + " needs "
                  + shape.pixels()));
          dead.inc();
          continue;
        }
        byte[] v1 = augmenter.augment(image.pixels(), shape, preset.view1(),
            PairRandom.forView(seed, index, epoch, 0));
        byte[] v2 = augmenter.augment(image.pixels(), shape, preset.view2(),
            PairRandom.forView(seed, index, epoch, 1));
        out.get(PAIRS).output(new ViewPair(index, epoch, image.label(), v1, v2));
        pairs.inc();
      }
    }
  }
}

package dev.sslbench.pipelines.transforms;

import dev.sslbench.core.shard.ImageShape;
import dev.sslbench.core.shard.ShardDataset;
import dev.sslbench.core.shard.ShardEntry;
import dev.sslbench.core.shard.ShardFormat;
import dev.sslbench.core.shard.ShardWriter;
import dev.sslbench.core.shard.ViewPair;
import dev.sslbench.pipelines.coders.ViewPairCoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Writes view pairs into {@code numShards} shard files under {@code <dir>/shards/}, each a
 * contiguous range of pair number {@code k = epoch * images + imageIndex}, sorted by (epoch,
 * imageIndex); outputs one {@link ShardEntry} (count, SHA-256) per shard.
 *
 * <p>Every shard file is written, even one whose pairs were all dead-lettered, so the file names
 * {@code pairs-i-of-n} always form a complete set.
 */
public final class WriteShards extends PTransform<PCollection<ViewPair>, PCollection<ShardEntry>> {
  private final String dir;
  private final ImageShape shape;
  private final int numShards;
  private final long images;
  private final int epochs;

  public WriteShards(Path dir, ImageShape shape, int numShards, long images, int epochs) {
    if (numShards < 1) {
      throw new IllegalArgumentException("numShards must be >= 1, got " + numShards);
    }
    this.dir = dir.toString();
    this.shape = shape;
    this.numShards = numShards;
    this.images = images;
    this.epochs = epochs;
  }

  /** The shard of pair {@code (epoch, imageIndex)}: contiguous ranges in (epoch, index) order. */
  public static int shardOf(long imageIndex, int epoch, long images, int epochs, int numShards) {
    long k = epoch * images + imageIndex;
    long total = epochs * images;
    if (imageIndex < 0 || imageIndex >= images || epoch < 0 || epoch >= epochs) {
      throw new IllegalArgumentException("pair (epoch " + epoch + ", image " + imageIndex
          + ") outside " + epochs + " epochs x " + images + " images");
    }
    // k * numShards fits a long for any realistic dataset (k < 2^40, numShards < 2^20).
    return (int) (k * numShards / total);
  }

  @Override
  public PCollection<ShardEntry> expand(PCollection<ViewPair> pairs) {
    KvCoder<Integer, ViewPair> coder =
        KvCoder.of(VarIntCoder.of(), NullableCoder.of(ViewPairCoder.of()));
    PCollection<KV<Integer, ViewPair>> keyed = pairs
        .apply("AssignShard", ParDo.of(new AssignShardFn(images, epochs, numShards)))
        .setCoder(coder);
    // A null marker per shard makes GroupByKey produce every shard, even an empty one.
    List<KV<Integer, ViewPair>> markers = IntStream.range(0, numShards)
        .mapToObj(s -> KV.of(s, (ViewPair) null)).toList();
    PCollection<KV<Integer, ViewPair>> allShards = pairs.getPipeline()
        .apply("ShardMarkers", Create.of(markers).withCoder(coder));
    return PCollectionList.of(keyed).and(allShards)
        .apply("Merge", Flatten.pCollections())
        .apply("GroupByShard", GroupByKey.create())
        .apply("SortAndWrite", ParDo.of(new WriteShardFn(dir, shape, numShards)))
        .setCoder(SerializableCoder.of(ShardEntry.class));
  }

  /** Keys each pair by its shard number. */
  static final class AssignShardFn extends DoFn<ViewPair, KV<Integer, ViewPair>> {
    private final long images;
    private final int epochs;
    private final int numShards;

    AssignShardFn(long images, int epochs, int numShards) {
      this.images = images;
      this.epochs = epochs;
      this.numShards = numShards;
    }

    @ProcessElement
    public void processElement(@Element ViewPair p, OutputReceiver<KV<Integer, ViewPair>> out) {
      out.output(KV.of(shardOf(p.imageIndex(), p.epoch(), images, epochs, numShards), p));
    }
  }

  /** Sorts one shard's pairs and writes them with {@link ShardWriter}, hashing as it writes. */
  static final class WriteShardFn extends DoFn<KV<Integer, Iterable<ViewPair>>, ShardEntry> {
    private static final Comparator<ViewPair> ORDER =
        Comparator.comparingInt(ViewPair::epoch).thenComparingLong(ViewPair::imageIndex);
    private final Counter pairsWritten = Metrics.counter(WriteShards.class, "pairsWritten");
    private final Counter shardsWritten = Metrics.counter(WriteShards.class, "shardsWritten");
    private final String dir;
    private final ImageShape shape;
    private final int numShards;

    WriteShardFn(String dir, ImageShape shape, int numShards) {
      this.dir = dir;
      this.shape = shape;
      this.numShards = numShards;
    }

    @ProcessElement
    public void processElement(
        @Element KV<Integer, Iterable<ViewPair>> shard, OutputReceiver<ShardEntry> out)
        throws IOException {
      List<ViewPair> pairs = new ArrayList<>();
      for (ViewPair p : shard.getValue()) {
        if (p != null) {
          pairs.add(p);
        }
      }
      pairs.sort(ORDER);
      String name = ShardDataset.SHARDS_DIR + "/" + ShardFormat.fileName(shard.getKey(), numShards);
      Path file = Path.of(dir).resolve(name);
      Files.createDirectories(file.getParent());
      MessageDigest sha = sha256();
      try (OutputStream raw = Files.newOutputStream(file);
          ShardWriter writer = new ShardWriter(new DigestOutputStream(raw, sha), shape)) {
        for (ViewPair p : pairs) {
          writer.write(p);
        }
      }
      pairsWritten.inc(pairs.size());
      shardsWritten.inc();
      out.output(new ShardEntry(name, pairs.size(), HexFormat.of().formatHex(sha.digest())));
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM provides SHA-256", e);
      }
    }
  }
}

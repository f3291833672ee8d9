package dev.sslbench.pipelines.transforms;

import dev.sslbench.core.shard.DatasetManifest;
import dev.sslbench.core.shard.ShardEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes {@code manifest.json} once every shard is written: the template's fixed fields plus the
 * shard list, pair count, channel statistics and dead-letter count computed by the pipeline.
 *
 * <p>Its main input is the count of shard entries, so it cannot run before the last shard is
 * done; that makes the manifest the last file of the dataset.
 */
public final class WriteManifest extends PTransform<PCollection<ShardEntry>, PDone> {
  private final DatasetManifest template;
  private final String dir;
  private final PCollection<ChannelStats> stats;
  private final PCollection<Long> deadLetters;

  /**
   * @param template every field except pairs, mean, std, shards and deadLetters
   * @param deadLetters at most one element (none means zero)
   */
  public WriteManifest(DatasetManifest template, Path dir, PCollection<ChannelStats> stats,
      PCollection<Long> deadLetters) {
    this.template = template;
    this.dir = dir.toString();
    this.stats = stats;
    this.deadLetters = deadLetters;
  }

  @Override
  public PDone expand(PCollection<ShardEntry> shards) {
    PCollectionView<List<ShardEntry>> shardList = shards.apply("ShardList", View.asList());
    PCollectionView<ChannelStats> statsView = stats.apply("Stats", View.asSingleton());
    PCollectionView<Long> deadView = deadLetters
        .apply("DeadLetterCount", View.<Long>asSingleton().withDefaultValue(0L));
    shards
        .apply("AllShardsWritten", Count.globally())
        .apply("WriteJson", ParDo.of(new WriteFn(template, dir, shardList, statsView, deadView))
            .withSideInputs(shardList, statsView, deadView));
    return PDone.in(shards.getPipeline());
  }

  /** Completes the template and writes it atomically. */
  static final class WriteFn extends DoFn<Long, Void> {
    private final DatasetManifest template;
    private final String dir;
    private final PCollectionView<List<ShardEntry>> shardList;
    private final PCollectionView<ChannelStats> stats;
    private final PCollectionView<Long> deadLetters;

    WriteFn(DatasetManifest template, String dir, PCollectionView<List<ShardEntry>> shardList,
        PCollectionView<ChannelStats> stats, PCollectionView<Long> deadLetters) {
      this.template = template;
      this.dir = dir;
      this.shardList = shardList;
      this.stats = stats;
      this.deadLetters = deadLetters;
    }

    @ProcessElement
    public void processElement(ProcessContext c) throws IOException {
      List<ShardEntry> shards = new ArrayList<>(c.sideInput(shardList));
      shards.sort(Comparator.comparing(ShardEntry::file));
      long pairs = shards.stream().mapToLong(ShardEntry::pairs).sum();
      ChannelStats s = c.sideInput(stats);
      DatasetManifest t = template;
      new DatasetManifest(t.formatVersion(), t.dataset(), t.source(), t.split(), t.images(),
          t.augmentationEpochs(), pairs, t.shape(), s.mean(), s.std(), t.seed(), t.preset(),
          t.options(), shards, c.sideInput(deadLetters), t.createdAt())
          .write(Path.of(dir));
    }
  }
}

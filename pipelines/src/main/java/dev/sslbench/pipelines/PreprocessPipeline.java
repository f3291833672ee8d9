package dev.sslbench.pipelines;

import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.core.shard.ShardEntry;
import dev.sslbench.pipelines.transforms.AugmentPairs;
import dev.sslbench.pipelines.transforms.ChannelStats;
import dev.sslbench.pipelines.transforms.ComputeChannelStats;
import dev.sslbench.pipelines.transforms.DeadLetter;
import dev.sslbench.pipelines.transforms.ReadImages;
import dev.sslbench.pipelines.transforms.WriteDeadLetters;
import dev.sslbench.pipelines.transforms.WriteManifest;
import dev.sslbench.pipelines.transforms.WriteShards;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The preprocess graph: ReadImages -> (ComputeChannelStats | AugmentPairs -> WriteShards) ->
 * WriteManifest, with the bad records of ReadImages and the failures of AugmentPairs gathered by
 * WriteDeadLetters, all writing into one dataset directory.
 */
public final class PreprocessPipeline {
  private PreprocessPipeline() {}

  /** Adds the steps that turn {@code plan}'s source into a dataset in {@code dir}. */
  public static void build(Pipeline p, PreprocessPlan plan, Path dir, String createdAt) {
    PCollectionTuple read = p.apply("ReadImages", new ReadImages(plan.format(), plan.source(),
        plan.split(), plan.cifar100Label(), plan.limit(), plan.epochs()));
    PCollection<LabeledImage> images = read.get(ReadImages.IMAGES);
    PCollection<ChannelStats> stats =
        images.apply("ComputeChannelStats", new ComputeChannelStats(plan.shape()));
    PCollectionTuple augmented = images.apply("AugmentPairs",
        new AugmentPairs(plan.preset(), plan.shape(), plan.seed(), plan.epochs()));
    PCollection<ShardEntry> shards = augmented.get(AugmentPairs.PAIRS).apply("WriteShards",
        new WriteShards(dir, plan.shape(), plan.numShards(), plan.images(), plan.epochs()));
    PCollection<Long> deadLetters = PCollectionList
        .<DeadLetter>of(read.get(ReadImages.BAD_RECORDS))
        .and(augmented.get(AugmentPairs.DEAD_LETTERS))
        .apply("AllDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", new WriteDeadLetters(dir));
    shards.apply("WriteManifest",
        new WriteManifest(plan.manifestTemplate(createdAt), dir, stats, deadLetters));
  }
}

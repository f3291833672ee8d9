package dev.sslbench.pipelines;

import dev.sslbench.core.data.LabeledImage;
import dev.sslbench.core.shard.ShardEntry;
import dev.sslbench.pipelines.transforms.AugmentPairs;
import dev.sslbench.pipelines.transforms.ChannelStats;
import dev.sslbench.pipelines.transforms.ComputeChannelStats;
import dev.sslbench.pipelines.transforms.ReadIdx;
import dev.sslbench.pipelines.transforms.WriteDeadLetters;
import dev.sslbench.pipelines.transforms.WriteManifest;
import dev.sslbench.pipelines.transforms.WriteShards;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The preprocess graph: ReadIdx -> (ComputeChannelStats | AugmentPairs -> WriteShards,
 * WriteDeadLetters) -> WriteManifest, all writing into one dataset directory.
 */
public final class PreprocessPipeline {
  private PreprocessPipeline() {}

  /** Adds the steps that turn {@code plan}'s source into a dataset in {@code dir}. */
  public static void build(Pipeline p, PreprocessPlan plan, Path dir, String createdAt) {
    PCollection<LabeledImage> images = p.apply("ReadIdx",
        new ReadIdx(plan.imagesFile(), plan.labelsFile(), plan.limit()));
    PCollection<ChannelStats> stats =
        images.apply("ComputeChannelStats", new ComputeChannelStats(plan.shape()));
    PCollectionTuple augmented = images.apply("AugmentPairs",
        new AugmentPairs(plan.preset(), plan.shape(), plan.seed(), plan.epochs()));
    PCollection<ShardEntry> shards = augmented.get(AugmentPairs.PAIRS).apply("WriteShards",
        new WriteShards(dir, plan.shape(), plan.numShards(), plan.images(), plan.epochs()));
    PCollection<Long> deadLetters = augmented.get(AugmentPairs.DEAD_LETTERS)
        .apply("WriteDeadLetters", new WriteDeadLetters(dir));
    shards.apply("WriteManifest",
        new WriteManifest(plan.manifestTemplate(createdAt), dir, stats, deadLetters));
  }
}

package dev.sslbench.training.checkpoint;

import ai.djl.nn.Block;
import dev.sslbench.training.backbone.BackboneSpec;
import java.util.Map;

/**
 * A backbone read from a checkpoint, ready for inference with {@link FeatureExtractor}.
 *
 * @param meta the run parameters stored with the checkpoint
 */
public record LoadedBackbone(Block block, BackboneSpec spec, Map<String, String> meta) {
  public LoadedBackbone {
    meta = Map.copyOf(meta);
  }

  /** Width of the feature vectors the backbone produces. */
  public int featureDim() {
    return spec.featureDim();
  }
}

package dev.sslbench.workflow.stages;

import java.nio.file.Path;

/**
 * A backbone to evaluate: a pretraining checkpoint (with the run that wrote it) or an untrained random-init
 * backbone of a preset.
 */
public record BackboneSource(
    String method, String label, Path checkpointDir, String pretrainRunId, String preset, long seed) {

  public static BackboneSource pretrained(String method, String label, Path checkpointDir, String pretrainRunId) {
    return new BackboneSource(method, label, checkpointDir, pretrainRunId, null, 0);
  }

  public static BackboneSource randomInit(String preset, long seed) {
    return new BackboneSource("random-init", "random-init", null, null, preset, seed);
  }

  public boolean isRandomInit() {
    return checkpointDir == null;
  }
}

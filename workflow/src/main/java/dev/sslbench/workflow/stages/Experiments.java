package dev.sslbench.workflow.stages;

import dev.sslbench.core.config.ConfigLoader;
import dev.sslbench.core.config.ExperimentConfig;
import dev.sslbench.core.config.Vocabulary;
import dev.sslbench.training.backbone.BackboneSpec;
import dev.sslbench.training.methods.Methods;
import java.nio.file.Path;

/** Reads experiment files, validated against the methods and backbones this build implements. */
public final class Experiments {
  private Experiments() {}

  public static Vocabulary vocabulary() {
    return Vocabulary.of(Methods.NAMES, BackboneSpec.PRESETS);
  }

  public static ExperimentConfig load(Path file) {
    return ConfigLoader.load(file, vocabulary());
  }

  public static ExperimentConfig parse(String yaml, String source) {
    return ConfigLoader.parse(yaml, source, vocabulary());
  }
}

package dev.sslbench.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import dev.sslbench.core.augment.AugmentationPresets;
import dev.sslbench.core.data.ImageDatasets;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reads an {@link ExperimentConfig} from YAML and validates it, failing with the file, line and key. */
public final class ConfigLoader {


  private ConfigLoader() {}

  /** The mapper every config and flattened param uses: snake_case keys, unknown keys rejected. */
  public static ObjectMapper mapper() {
    return new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  public static ExperimentConfig load(Path file, Vocabulary vocabulary) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read experiment file: " + e.getMessage(), e);
    }
    return parse(text, file.toString(), vocabulary);
  }

  public static ExperimentConfig parse(String yaml, String source, Vocabulary vocabulary) {
    ExperimentConfig config;
    try {
      config = mapper().readValue(yaml, ExperimentConfig.class);
    } catch (UnrecognizedPropertyException e) {
      Set<String> known =
          e.getKnownPropertyIds().stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
      throw new ConfigException(
          where(source, yaml, e)
              + "unknown key '"
              + e.getPropertyName()
              + "' at "
              + path(e)
              + "; known keys here: "
              + String.join(", ", known),
          e);
    } catch (JsonMappingException e) {
      throw new ConfigException(
          where(source, yaml, e) + "bad value at " + path(e) + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(where(source, e.getLocation()) + "not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (config == null) {
      throw new ConfigException(source + ": the experiment file is empty");
    }
    validate(config, source, vocabulary);
    return config;
  }

  static void validate(ExperimentConfig c, String source, Vocabulary v) {
    require(c.name().matches("[A-Za-z0-9._-]+"), source, "name", "use letters, digits, '.', '_' or '-'");
    require(v.backbones().contains(c.backbone()), source, "backbone", "one of " + v.backbones());
    List<String> presets = AugmentationPresets.names();
    require(presets.contains(c.preprocess().preset()), source, "preprocess.preset", "one of " + presets);
    require(c.preprocess().augmentationEpochs() >= 1, source, "preprocess.augmentation_epochs", "at least 1");
    require(c.preprocess().numShards() >= 1, source, "preprocess.num_shards", "at least 1");
    require(c.preprocess().limit() >= 0, source, "preprocess.limit", "0 (all) or a positive count");
    List<String> formats = ImageDatasets.formats();
    require(formats.contains(c.dataset().format()), source, "dataset.format", "one of " + formats);
    for (int i = 0; i < c.pretrain().size(); i++) {
      ExperimentConfig.PretrainConfig p = c.pretrain().get(i);
      String at = "pretrain[" + i + "]";
      require(p.method() != null && v.methods().contains(p.method()), source, at + ".method", "one of " + v.methods());
      require(p.batchSize() >= 2, source, at + ".batch_size", "at least 2");
      require(p.label() != null && p.label().matches("[A-Za-z0-9._+-]+"), source, at + ".label", "letters, digits, '.', '_', '+' or '-'");
      require(p.epochs() >= 1, source, at + ".epochs", "at least 1");
      int a = c.preprocess().augmentationEpochs();
      require(
          p.epochs() % a == 0,
          source,
          at + ".epochs",
          "a multiple of preprocess.augmentation_epochs (" + a + "): each pass over the shards is " + a + " epochs");
    }
    java.util.Set<String> labels = new java.util.HashSet<>();
    for (int i = 0; i < c.pretrain().size(); i++) {
      String label = c.pretrain().get(i).label();
      require(labels.add(label), source, "pretrain[" + i + "].label",
          "a label of its own: '" + label + "' is used twice (set label: on each run of the same method)");
    }
    require(c.evaluation().knn().k() >= 1, source, "evaluation.knn.k", "at least 1");
    require(c.evaluation().knn().temperature() > 0, source, "evaluation.knn.temperature", "positive");
  }

  private static void require(boolean ok, String source, String key, String hint) {
    if (!ok) {
      throw new ConfigException(source + ": invalid value for '" + key + "': expected " + hint);
    }
  }

  private static String where(String source, String yaml, JsonMappingException e) {
    java.util.List<Object> keys = new java.util.ArrayList<>();
    for (JsonMappingException.Reference ref : e.getPath()) {
      keys.add(ref.getFieldName() != null ? ref.getFieldName() : (Object) ref.getIndex());
    }
    int line = YamlLines.lineOf(yaml, keys);
    return line > 0 ? source + ":" + line + ": " : where(source, e.getLocation());
  }

  private static String where(String source, JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return source + ": ";
    }
    return source + ":" + location.getLineNr() + ": ";
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "top level" : sb.toString();
  }
}

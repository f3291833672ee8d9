package dev.sslbench.core.shard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Describes a view-pair dataset directory: where the images came from, how they were augmented,
 * per-channel statistics and the shard files. Stored as {@code manifest.json}, written last.
 *
 * @param mean per-channel mean of the source images on the [0, 1] pixel scale
 * @param std per-channel population standard deviation of the source images, [0, 1] scale
 * @param deadLetters pairs that could not be produced (listed in {@code dead-letters.jsonl})
 * @param createdAt ISO-8601 instant the dataset was produced
 */
public record DatasetManifest(
    int formatVersion,
    String dataset,
    String source,
    String split,
    long images,
    int augmentationEpochs,
    long pairs,
    ImageShape shape,
    double[] mean,
    double[] std,
    long seed,
    String preset,
    Map<String, String> options,
    List<ShardEntry> shards,
    long deadLetters,
    String createdAt)
    implements Serializable {

  /** File name of the manifest inside a dataset directory. */
  public static final String FILE_NAME = "manifest.json";

  // Sorted keys, no timestamps from the mapper itself: same manifest, same bytes.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  public DatasetManifest {
    options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
    shards = shards == null ? List.of() : List.copyOf(shards);
    mean = mean == null ? null : mean.clone();
    std = std == null ? null : std.clone();
  }

  @Override
  public double[] mean() {
    return mean == null ? null : mean.clone();
  }

  @Override
  public double[] std() {
    return std == null ? null : std.clone();
  }

  /** Total number of pairs listed over all shards. */
  public long shardPairs() {
    return shards.stream().mapToLong(ShardEntry::pairs).sum();
  }

  /**
   * Reads {@code datasetDir/manifest.json}.
   *
   * @throws NoSuchFileException if the directory or its manifest is missing; a directory without
   *     a manifest is not a (complete) dataset
   * @throws ShardFormatException if the manifest is not valid JSON of this shape
   */
  public static DatasetManifest read(Path datasetDir) throws IOException {
    Path file = datasetDir.resolve(FILE_NAME);
    if (!Files.isDirectory(datasetDir)) {
      throw new NoSuchFileException(
          datasetDir.toString(), null, "dataset directory does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(
          file.toString(),
          null,
          "not a dataset: no " + FILE_NAME + " (an unfinished preprocess run leaves none)");
    }
    try {
      return JSON.readValue(file.toFile(), DatasetManifest.class);
    } catch (JsonProcessingException e) {
      throw new ShardFormatException(file, -1, "invalid manifest: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Writes {@code datasetDir/manifest.json}, pretty printed. The file appears atomically, so a
   * reader never sees half a manifest.
   */
  public void write(Path datasetDir) throws IOException {
    Path file = datasetDir.resolve(FILE_NAME);
    Path tmp = datasetDir.resolve(FILE_NAME + ".partial");
    Files.write(tmp, (toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The manifest as pretty-printed JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise manifest", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatasetManifest m
        && formatVersion == m.formatVersion
        && images == m.images
        && augmentationEpochs == m.augmentationEpochs
        && pairs == m.pairs
        && seed == m.seed
        && deadLetters == m.deadLetters
        && Objects.equals(dataset, m.dataset)
        && Objects.equals(source, m.source)
        && Objects.equals(split, m.split)
        && Objects.equals(shape, m.shape)
        && Arrays.equals(mean, m.mean)
        && Arrays.equals(std, m.std)
        && Objects.equals(preset, m.preset)
        && options.equals(m.options)
        && shards.equals(m.shards)
        && Objects.equals(createdAt, m.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dataset, split, images, pairs, seed, shards, createdAt)
        + 31 * Arrays.hashCode(mean)
        + 17 * Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "DatasetManifest[dataset=" + dataset + ", split=" + split + ", images=" + images
        + ", augmentationEpochs=" + augmentationEpochs + ", pairs=" + pairs + ", shape=" + shape
        + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ", seed=" + seed
        + ", preset=" + preset + ", shards=" + shards.size() + ", deadLetters=" + deadLetters
        + ", createdAt=" + createdAt + "]";
  }
}

package dev.sslbench.pipelines.transforms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sslbench.core.shard.ShardDataset;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes all dead letters, sorted by (epoch, imageIndex), to {@code <dir>/dead-letters.jsonl}
 * and outputs their count. With no dead letters it writes nothing and outputs nothing.
 */
public final class WriteDeadLetters extends PTransform<PCollection<DeadLetter>, PCollection<Long>> {
  private final String dir;

  public WriteDeadLetters(Path dir) {
    this.dir = dir.toString();
  }

  @Override
  public PCollection<Long> expand(PCollection<DeadLetter> deadLetters) {
    return deadLetters
        .apply("OneGroup", WithKeys.<Integer, DeadLetter>of(0)
            .withKeyType(TypeDescriptors.integers()))
        .apply("Gather", GroupByKey.create())
        .apply("WriteJsonLines", ParDo.of(new WriteFn(dir)))
        .setCoder(VarLongCoder.of());
  }

  /** Writes one JSON object per line; the file is small, so it is sorted in memory. */
  static final class WriteFn extends DoFn<KV<Integer, Iterable<DeadLetter>>, Long> {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final String dir;

    WriteFn(String dir) {
      this.dir = dir;
    }

    @ProcessElement
    public void processElement(
        @Element KV<Integer, Iterable<DeadLetter>> all, OutputReceiver<Long> out)
        throws IOException {
      List<DeadLetter> letters = new ArrayList<>();
      all.getValue().forEach(letters::add);
      letters.sort(Comparator.comparingInt(DeadLetter::epoch)
          .thenComparingLong(DeadLetter::imageIndex));
      Path file = Path.of(dir).resolve(ShardDataset.DEAD_LETTERS_FILE);
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (DeadLetter d : letters) {
          w.write(JSON.writeValueAsString(d));
          w.write('\n');
        }
      }
      out.output((long) letters.size());
    }
  }
}

package dev.sslbench.evaluation.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line prints the evaluator's summary and reports bad input. */
class CocoEvalMainTest {
  @TempDir Path dir;

  @Test
  void printsTheTwelveStats() {
    CocoCaseGenerator.Case c = new CocoCaseGenerator(7).write(dir, "main", 6, 2, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        CocoEvalMain.run(
            new String[] {"--gt", c.gt().toString(), "--dt", c.dt().toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    CocoDataset gt = CocoDataset.read(c.gt());
    CocoEvaluator evaluator = new CocoEvaluator(gt, CocoResults.read(c.dt(), gt));
    evaluator.run();
    assertEquals(evaluator.summary(), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void missingFileAndBadArgumentsFail() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(2, CocoEvalMain.run(new String[] {"--gt", "a.json"}, out, errStream));
    Path missing = dir.resolve("missing.json");
    assertEquals(
        1, CocoEvalMain.run(new String[] {"--gt", missing.toString(), "--dt", "x"}, out, errStream));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing.json"));
  }
}

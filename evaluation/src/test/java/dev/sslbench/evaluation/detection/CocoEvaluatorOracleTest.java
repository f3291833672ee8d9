package dev.sslbench.evaluation.detection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The Java evaluator against pycocotools itself on many generated cases, to 1e-12. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CocoEvaluatorOracleTest {
  private static final int CASES = 160;
  private static final double TOLERANCE = 1e-12;

  private final List<CocoCaseGenerator.Case> cases = new ArrayList<>();
  private JsonNode oracle;

  @BeforeAll
  void runOracle(@TempDir Path dir) {
    PycocotoolsOracle pycocotools;
    try {
      pycocotools = PycocotoolsOracle.create();
    } catch (IllegalStateException e) {
      fail(
          "the pycocotools oracle venv could not be created (pip install -r "
              + "infra/python/requirements-coco.txt must work here): "
              + e.getMessage(),
          e);
      return;
    }
    for (int c = 0; c < CASES; c++) {
      CocoCaseGenerator generator = new CocoCaseGenerator(1000 + c);
      int images = 1 + (c % 7) * 3;
      int categories = 1 + c % 4;
      boolean emptyResults = c % 40 == 39;
      cases.add(generator.write(dir, "case" + c, images, categories, emptyResults));
    }
    oracle = pycocotools.evaluate(cases, dir);
  }

  @Test
  void thresholdsAreNumpysLinspaceBitForBit() {
    CocoParams params = CocoParams.defaults();
    assertArrayEquals(values(oracle.path("params").path("iouThrs")), params.iouThrs());
    assertArrayEquals(values(oracle.path("params").path("recThrs")), params.recThrs());
  }

  @Test
  void allTwelveStatsMatchPycocotools() {
    List<String> mismatches = new ArrayList<>();
    int identical = 0;
    int partial = 0;
    int undefined = 0;
    for (CocoCaseGenerator.Case c : cases) {
      CocoDataset gt = CocoDataset.read(c.gt());
      double[] actual = new CocoEvaluator(gt, CocoResults.read(c.dt(), gt)).run();
      double[] expected = PycocotoolsOracle.stats(oracle, c.name());
      boolean same = true;
      for (int i = 0; i < 12; i++) {
        if (Math.abs(actual[i] - expected[i]) > TOLERANCE) {
          mismatches.add(c.name() + " stat " + i + ": java " + actual[i] + " pycocotools " + expected[i]);
        }
        same &= actual[i] == expected[i];
        partial += expected[i] > 0 && expected[i] < 1 ? 1 : 0;
        undefined += expected[i] == -1 ? 1 : 0;
      }
      identical += same ? 1 : 0;
    }
    assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
    // The cases must exercise the metric, not only its trivial values.
    assertTrue(partial > CASES * 6, "too few stats strictly between 0 and 1: " + partial);
    assertTrue(undefined > 0, "no case produced an undefined (-1) stat");
    assertEquals(CASES, identical, "cases whose 12 stats are bit-identical");
  }

  private static double[] values(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).doubleValue();
    }
    return out;
  }

}

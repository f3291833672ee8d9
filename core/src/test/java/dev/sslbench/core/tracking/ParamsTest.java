package dev.sslbench.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
  record Optimizer(String name, double lr, List<Integer> milestones) {}

  record Config(String method, int seed, Optimizer optimizer, Map<String, Object> extra, String unset) {}

  @Test
  void recordsFlattenToDottedKeysInDeclarationOrder() {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("crop", Map.of("scale", List.of(0.08, 1.0)));
    extra.put("empty", Map.of());
    Config config =
        new Config("byol", 7, new Optimizer("lars", 0.2, List.of(30, 60)), extra, null);

    Map<String, String> flat = Params.flatten(config);

    assertEquals(
        List.of(
            "method", "seed", "optimizer.name", "optimizer.lr", "optimizer.milestones",
            "extra.crop.scale", "extra.empty", "unset"),
        List.copyOf(flat.keySet()));
    assertEquals("byol", flat.get("method"));
    assertEquals("7", flat.get("seed"));
    assertEquals("0.2", flat.get("optimizer.lr"));
    assertEquals("[30, 60]", flat.get("optimizer.milestones"));
    assertEquals("[0.08, 1.0]", flat.get("extra.crop.scale"));
    assertEquals("{}", flat.get("extra.empty"));
    assertEquals("null", flat.get("unset"));
  }

  @Test
  void jsonTreesAndObjectsInsideArrays() throws Exception {
    var tree = new ObjectMapper().readTree("{\"a\":{\"b\":true},\"crops\":[{\"size\":32},7]}");
    assertEquals(Map.of("a.b", "true", "crops", "[{\"size\":32}, 7]"), Params.flatten(tree));
  }

  @Test
  void scalarsAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Params.flatten(List.of(1, 2)));
    assertEquals("params must be an object (record, map or JSON object), got ARRAY", e.getMessage());
  }
}

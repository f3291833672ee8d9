package dev.sslbench.core.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Turns a config record, map or JSON tree into flat MLflow params with dotted keys. */
public final class Params {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Params() {}

  /**
   * Flattens {@code recordOrMapOrJsonNode}: nested objects become dotted keys ({@code
   * optimizer.lr}), arrays become {@code [a, b]} strings, nulls become {@code "null"} and empty
   * objects {@code "{}"}. Keys keep the source's order.
   */
  public static Map<String, String> flatten(Object recordOrMapOrJsonNode) {
    JsonNode root =
        recordOrMapOrJsonNode instanceof JsonNode node
            ? node
            : JSON.valueToTree(recordOrMapOrJsonNode);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          "params must be an object (record, map or JSON object), got "
              + (root == null ? "null" : root.getNodeType()));
    }
    Map<String, String> out = new LinkedHashMap<>();
    walk("", root, out);
    return out;
  }

  private static void walk(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      if (node.isEmpty() && !prefix.isEmpty()) {
        out.put(prefix, "{}");
        return;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
        walk(key, field.getValue(), out);
      }
    } else if (node.isArray()) {
      StringJoiner joined = new StringJoiner(", ", "[", "]");
      for (JsonNode element : node) {
        joined.add(scalar(element));
      }
      out.put(prefix, joined.toString());
    } else {
      out.put(prefix, scalar(node));
    }
  }

  /** Scalars as their plain text; anything nested inside an array as compact JSON. */
  private static String scalar(JsonNode node) {
    if (node.isNull() || node.isMissingNode()) {
      return "null";
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}

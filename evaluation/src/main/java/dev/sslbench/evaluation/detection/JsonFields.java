package dev.sslbench.evaluation.detection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Typed access to the fields of COCO JSON records, failing with the file and record named. */
final class JsonFields {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;

  JsonFields(Path file) {
    this.file = file;
  }

  JsonNode readTree() {
    try {
      JsonNode root = MAPPER.readTree(file.toFile());
      if (root == null) {
        throw new CocoFormatException(file, "document", "file is empty");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new CocoFormatException(file, "malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CocoFormatException(file, "cannot read: " + e, e);
    }
  }

  JsonNode array(JsonNode parent, String field, String record) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isArray()) {
      throw fail(record, "'" + field + "' must be an array");
    }
    return node;
  }

  long id(JsonNode record, String field, String name) {
    JsonNode node = record.get(field);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      throw fail(name, "'" + field + "' must be an integer, got " + node);
    }
    return node.longValue();
  }

  double number(JsonNode record, String field, String name) {
    JsonNode node = record.get(field);
    if (node == null || !node.isNumber()) {
      throw fail(name, "'" + field + "' must be a number, got " + node);
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw fail(name, "'" + field + "' must be finite, got " + value);
    }
    return value;
  }

  Box box(JsonNode record, String name) {
    JsonNode node = record.get("bbox");
    if (node == null || !node.isArray() || node.size() != 4) {
      throw fail(name, "'bbox' must be an array [x, y, width, height], got " + node);
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      JsonNode c = node.get(i);
      if (!c.isNumber() || !Double.isFinite(c.doubleValue())) {
        throw fail(name, "'bbox' must hold 4 finite numbers, got " + node);
      }
      v[i] = c.doubleValue();
    }
    if (v[2] < 0 || v[3] < 0) {
      throw fail(name, "bbox has negative size " + node);
    }
    return new Box(v[0], v[1], v[2], v[3]);
  }

  CocoFormatException fail(String record, String reason) {
    return new CocoFormatException(file, record, reason);
  }
}

package dev.sslbench.core.config;

import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds the 1-based line of a key path in a YAML text. Jackson reports record errors where the object ends, so
 * the line of the offending key is looked up in SnakeYAML's node tree instead.
 */
final class YamlLines {
  private YamlLines() {}

  /** Path elements are field names (String) or list indices (Integer); returns -1 when not found. */
  static int lineOf(String yaml, List<Object> path) {
    Node node;
    try {
      node = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(yaml));
    } catch (RuntimeException e) {
      return -1;
    }
    int line = -1;
    for (Object step : path) {
      if (node instanceof MappingNode map && step instanceof String key) {
        Node next = null;
        for (NodeTuple t : map.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
            line = k.getStartMark().getLine() + 1;
            next = t.getValueNode();
            break;
          }
        }
        if (next == null) {
          return line;
        }
        node = next;
      } else if (node instanceof SequenceNode seq && step instanceof Integer i && i < seq.getValue().size()) {
        node = seq.getValue().get(i);
        line = node.getStartMark().getLine() + 1;
      } else {
        return line;
      }
    }
    return line;
  }
}

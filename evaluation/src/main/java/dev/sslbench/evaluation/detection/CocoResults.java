package dev.sslbench.evaluation.detection;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The detections of a COCO result file ({@code [{image_id, category_id, bbox, score}, ...]}). */
public record CocoResults(List<Detection> detections) {

  /** Reads a result file, checking every image and category id against {@code groundTruth}. */
  public static CocoResults read(Path file, CocoDataset groundTruth) {
    JsonFields json = new JsonFields(file);
    JsonNode root = json.readTree();
    if (!root.isArray()) {
      throw json.fail("document", "a COCO result file must be a JSON array of detections");
    }
    List<Detection> detections = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode d = root.get(i);
      String name = "detection[" + i + "]";
      if (!d.isObject()) {
        throw json.fail(name, "must be an object");
      }
      long imageId = json.id(d, "image_id", name);
      if (Arrays.binarySearch(groundTruth.imageIds(), imageId) < 0) {
        throw json.fail(name, "unknown image id " + imageId + " (not in the ground truth)");
      }
      long categoryId = json.id(d, "category_id", name);
      if (Arrays.binarySearch(groundTruth.categoryIds(), categoryId) < 0) {
        throw json.fail(name, "unknown category id " + categoryId + " (not in the ground truth)");
      }
      Box box = json.box(d, name);
      double score = json.number(d, "score", name);
      detections.add(new Detection(i + 1, imageId, categoryId, box, score));
    }
    return new CocoResults(List.copyOf(detections));
  }
}

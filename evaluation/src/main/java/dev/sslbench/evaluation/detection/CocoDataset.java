package dev.sslbench.evaluation.detection;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ground truth of a COCO instances file: image ids, category ids and box annotations.
 *
 * @param imageIds image ids, sorted and unique (pycocotools evaluates them in this order)
 * @param categoryIds category ids, sorted and unique
 * @param annotations annotations in file order
 */
public record CocoDataset(long[] imageIds, long[] categoryIds, List<GroundTruth> annotations) {

  /** Reads {@code images}, {@code categories} and {@code annotations} of a COCO instances file. */
  public static CocoDataset read(Path file) {
    JsonFields json = new JsonFields(file);
    JsonNode root = json.readTree();
    if (!root.isObject()) {
      throw json.fail("document", "a COCO instances file must be a JSON object");
    }
    Set<Long> images = uniqueIds(json, json.array(root, "images", "document"), "images");
    Set<Long> categories =
        uniqueIds(json, json.array(root, "categories", "document"), "categories");
    JsonNode anns = root.has("annotations") ? json.array(root, "annotations", "document") : null;
    List<GroundTruth> annotations = new ArrayList<>();
    Set<Long> annotationIds = new HashSet<>();
    for (int i = 0; anns != null && i < anns.size(); i++) {
      JsonNode a = anns.get(i);
      String name = "annotations[" + i + "]";
      if (!a.isObject()) {
        throw json.fail(name, "must be an object");
      }
      long id = json.id(a, "id", name);
      if (!annotationIds.add(id)) {
        throw json.fail(name, "duplicate annotation id " + id);
      }
      long imageId = json.id(a, "image_id", name);
      if (!images.contains(imageId)) {
        throw json.fail(name, "unknown image id " + imageId);
      }
      long categoryId = json.id(a, "category_id", name);
      if (!categories.contains(categoryId)) {
        throw json.fail(name, "unknown category id " + categoryId);
      }
      Box box = json.box(a, name);
      double area = json.number(a, "area", name);
      boolean crowd = crowd(json, a, name);
      annotations.add(new GroundTruth(id, imageId, categoryId, box, area, crowd));
    }
    return new CocoDataset(sorted(images), sorted(categories), List.copyOf(annotations));
  }

  private static boolean crowd(JsonFields json, JsonNode a, String name) {
    if (!a.has("iscrowd")) {
      return false;
    }
    long value = json.id(a, "iscrowd", name);
    if (value != 0 && value != 1) {
      throw json.fail(name, "'iscrowd' must be 0 or 1, got " + value);
    }
    return value == 1;
  }

  private static Set<Long> uniqueIds(JsonFields json, JsonNode records, String field) {
    Set<Long> ids = new TreeSet<>();
    for (int i = 0; i < records.size(); i++) {
      String name = field + "[" + i + "]";
      long id = json.id(records.get(i), "id", name);
      if (!ids.add(id)) {
        throw json.fail(name, "duplicate id " + id);
      }
    }
    return ids;
  }

  private static long[] sorted(Set<Long> ids) {
    return new TreeSet<>(ids).stream().mapToLong(Long::longValue).toArray();
  }
}

package dev.sslbench.evaluation.detection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Random COCO ground truth and results that reach every corner of the metric: crowds, empty and
 * crowd-only categories, tied scores, tiny and huge boxes, areas on the range bounds, images
 * without ground truth or without detections, and more than 100 detections on an image.
 */
public final class CocoCaseGenerator {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Paths of one generated case. */
  public record Case(String name, Path gt, Path dt) {}

  private final Random random;

  public CocoCaseGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** Writes {@code name-gt.json} and {@code name-dt.json} under {@code dir}. */
  public Case write(Path dir, String name, int images, int categories, boolean emptyResults) {
    ObjectNode gt = MAPPER.createObjectNode();
    gt.putObject("info").put("description", "sslbench generated case " + name);
    ArrayNode imageNodes = gt.putArray("images");
    ArrayNode categoryNodes = gt.putArray("categories");
    ArrayNode annotations = gt.putArray("annotations");
    ArrayNode results = MAPPER.createArrayNode();
    // Image ids are shuffled and sparse so that sorting by id matters.
    long[] imageIds = new long[images];
    for (int i = 0; i < images; i++) {
      imageIds[i] = 1 + i * 3L + random.nextInt(3);
    }
    for (int i = images - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long tmp = imageIds[i];
      imageIds[i] = imageIds[j];
      imageIds[j] = tmp;
    }
    for (long id : imageIds) {
      imageNodes.addObject().put("id", id).put("width", 640).put("height", 480);
    }
    int[] categoryKind = new int[categories];
    for (int k = 0; k < categories; k++) {
      categoryNodes.addObject().put("id", 10 + k * 7).put("name", "c" + k);
      // 0 regular, 1 without ground truth (detections only), 2 crowd-only ground truth
      double u = random.nextDouble();
      categoryKind[k] = u < 0.12 ? 1 : (u < 0.2 ? 2 : 0);
    }
    boolean integerBoxes = random.nextBoolean();
    int scoreStyle = random.nextInt(3); // 0 continuous, 1 coarse (many ties), 2 few values
    long annotationId = 1 + random.nextInt(5);
    for (long imageId : imageIds) {
      boolean noTruth = random.nextDouble() < 0.15;
      boolean noDetections = random.nextDouble() < 0.15;
      boolean crowded = random.nextDouble() < 0.05;
      for (int k = 0; k < categories; k++) {
        long categoryId = 10 + k * 7;
        int truths = noTruth || categoryKind[k] == 1 ? 0 : random.nextInt(5);
        for (int g = 0; g < truths; g++) {
          double[] box = randomBox(integerBoxes);
          boolean crowd = categoryKind[k] == 2 || random.nextDouble() < 0.08;
          ObjectNode a = annotations.addObject();
          a.put("id", annotationId++).put("image_id", imageId).put("category_id", categoryId);
          putBox(a, box);
          a.put("area", area(box)).put("iscrowd", crowd ? 1 : 0);
          if (!noDetections && random.nextDouble() < 0.8) {
            int copies = crowd ? 1 + random.nextInt(3) : 1 + (random.nextDouble() < 0.2 ? 1 : 0);
            for (int c = 0; c < copies; c++) {
              addDetection(results, imageId, categoryId, jitter(box, integerBoxes), scoreStyle);
            }
          }
        }
        if (!noDetections) {
          int falsePositives = crowded ? 60 + random.nextInt(80) : random.nextInt(3);
          for (int f = 0; f < falsePositives; f++) {
            addDetection(results, imageId, categoryId, randomBox(integerBoxes), scoreStyle);
          }
        }
      }
    }
    Case c = new Case(name, dir.resolve(name + "-gt.json"), dir.resolve(name + "-dt.json"));
    try {
      MAPPER.writeValue(c.gt().toFile(), gt);
      MAPPER.writeValue(c.dt().toFile(), emptyResults ? MAPPER.createArrayNode() : results);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return c;
  }

  private void addDetection(
      ArrayNode results, long imageId, long categoryId, double[] box, int scoreStyle) {
    ObjectNode d = results.addObject();
    d.put("image_id", imageId).put("category_id", categoryId);
    putBox(d, box);
    double score = random.nextDouble();
    if (scoreStyle == 1) {
      score = Math.round(score * 20) / 20.0;
    } else if (scoreStyle == 2) {
      score = random.nextInt(3) * 0.5;
    }
    d.put("score", score);
  }

  /** Whole numbers go out as JSON integers, as real annotation files often have them. */
  private static void putBox(ObjectNode record, double[] box) {
    ArrayNode bbox = record.putArray("bbox");
    for (double v : box) {
      if (v == Math.rint(v) && Math.abs(v) < 1e9) {
        bbox.add((long) v);
      } else {
        bbox.add(v);
      }
    }
  }

  private double[] randomBox(boolean integer) {
    double u = random.nextDouble();
    double side;
    if (u < 0.05) {
      side = 0.01 + random.nextDouble() * 2; // tiny
    } else if (u < 0.08) {
      side = 5e4 + random.nextDouble() * 2e5; // huge: area may exceed 1e10
    } else if (u < 0.14) {
      side = 32; // area exactly on the small/medium bound
    } else {
      side = Math.exp(random.nextDouble() * Math.log(400)) + 1;
    }
    double w = side * (0.5 + random.nextDouble());
    double h = side * side / w;
    if (u >= 0.08 && u < 0.14) {
      w = random.nextBoolean() ? 32 : 96;
      h = w;
    }
    double x = random.nextDouble() * 600;
    double y = random.nextDouble() * 440;
    if (integer) {
      return new double[] {
        Math.rint(x), Math.rint(y), Math.max(1, Math.rint(w)), Math.max(1, Math.rint(h))
      };
    }
    return new double[] {x, y, w, h};
  }

  private double[] jitter(double[] box, boolean integer) {
    double scale = random.nextDouble() < 0.3 ? 0.02 : 0.25;
    double[] out = new double[4];
    for (int i = 0; i < 4; i++) {
      double size = i % 2 == 0 ? box[2] : box[3];
      out[i] = box[i] + (random.nextDouble() - 0.5) * scale * size;
      if (integer) {
        out[i] = Math.rint(out[i]);
      }
    }
    if (random.nextDouble() < 0.1) {
      System.arraycopy(box, 0, out, 0, 4); // exact copy: IoU exactly 1
    }
    out[2] = Math.max(integer ? 1 : 1e-3, out[2]);
    out[3] = Math.max(integer ? 1 : 1e-3, out[3]);
    return out;
  }

  /** The annotation's area: usually w*h, sometimes a smaller "segment" area, as in COCO. */
  private double area(double[] box) {
    double boxArea = box[2] * box[3];
    return random.nextDouble() < 0.3 ? boxArea * (0.4 + 0.6 * random.nextDouble()) : boxArea;
  }
}

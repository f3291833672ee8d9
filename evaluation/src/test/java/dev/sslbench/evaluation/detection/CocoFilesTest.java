package dev.sslbench.evaluation.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading COCO instances and result files, and the errors bad ones give. */
class CocoFilesTest {
  private static final String GT =
      "{\"images\":[{\"id\":7},{\"id\":3}],\"categories\":[{\"id\":2},{\"id\":1}],"
          + "\"annotations\":[{\"id\":5,\"image_id\":7,\"category_id\":1,"
          + "\"bbox\":[1,2,3,4],\"area\":10.5,\"iscrowd\":1}]}";

  @TempDir Path dir;

  @Test
  void readsGroundTruthWithSortedIdsAndFileArea() throws IOException {
    CocoDataset gt = CocoDataset.read(write("gt.json", GT));
    assertEquals(3, gt.imageIds()[0]);
    assertEquals(1, gt.categoryIds()[0]);
    GroundTruth a = gt.annotations().get(0);
    assertEquals(new Box(1, 2, 3, 4), a.box());
    assertEquals(10.5, a.area());
    assertTrue(a.crowd());
  }

  @Test
  void numbersResultsFromOneInFileOrder() throws IOException {
    CocoDataset gt = CocoDataset.read(write("gt.json", GT));
    CocoResults dt =
        CocoResults.read(
            write(
                "dt.json",
                "[{\"image_id\":3,\"category_id\":2,\"bbox\":[0,0,1,1],\"score\":0.5},"
                    + "{\"image_id\":7,\"category_id\":1,\"bbox\":[0,0,2,2],\"score\":0.9}]"),
            gt);
    assertEquals(2, dt.detections().get(1).id());
    assertEquals(4.0, dt.detections().get(1).box().area());
  }

  @Test
  void malformedJsonNamesTheFile() throws IOException {
    Path file = write("broken.json", "{\"images\": [");
    CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoDataset.read(file));
    assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
    assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
  }

  @Test
  void unknownImageInResultsNamesTheRecord() throws IOException {
    CocoDataset gt = CocoDataset.read(write("gt.json", GT));
    Path file =
        write(
            "dt.json",
            "[{\"image_id\":3,\"category_id\":2,\"bbox\":[0,0,1,1],\"score\":0.5},"
                + "{\"image_id\":4,\"category_id\":2,\"bbox\":[0,0,1,1],\"score\":0.5}]");
    CocoFormatException e =
        assertThrows(CocoFormatException.class, () -> CocoResults.read(file, gt));
    assertEquals(file + ": detection[1]: unknown image id 4 (not in the ground truth)", e.getMessage());
  }

  @Test
  void unknownCategoryInResultsIsAnError() throws IOException {
    CocoDataset gt = CocoDataset.read(write("gt.json", GT));
    Path file = write("dt.json", "[{\"image_id\":3,\"category_id\":9,\"bbox\":[0,0,1,1],\"score\":1}]");
    CocoFormatException e =
        assertThrows(CocoFormatException.class, () -> CocoResults.read(file, gt));
    assertTrue(e.getMessage().contains("detection[0]: unknown category id 9"), e.getMessage());
  }

  @Test
  void negativeBoxSizeIsAnError() throws IOException {
    Path file = write("gt.json", GT.replace("[1,2,3,4]", "[1,2,-3,4]"));
    CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoDataset.read(file));
    assertTrue(e.getMessage().contains("annotations[0]: bbox has negative size"), e.getMessage());
  }

  @Test
  void annotationOfUnknownImageIsAnError() throws IOException {
    Path file = write("gt.json", GT.replace("\"image_id\":7", "\"image_id\":8"));
    CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoDataset.read(file));
    assertTrue(e.getMessage().contains("annotations[0]: unknown image id 8"), e.getMessage());
  }

  @Test
  void missingScoreIsAnError() throws IOException {
    CocoDataset gt = CocoDataset.read(write("gt.json", GT));
    Path file = write("dt.json", "[{\"image_id\":3,\"category_id\":2,\"bbox\":[0,0,1,1]}]");
    CocoFormatException e =
        assertThrows(CocoFormatException.class, () -> CocoResults.read(file, gt));
    assertTrue(e.getMessage().contains("detection[0]: 'score' must be a number"), e.getMessage());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}

package dev.sslbench.workflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTest {
  private final ReportTable table =
      new ReportTable(
          List.of(
              new ReportRow("byol", 4, 256, 0.81234, 0.8456, 0.99, 0.0551, "p1", "e1"),
              new ReportRow("random-init", null, null, 0.70, 0.7512, 0.98, null, null, "e3")));

  @Test
  void markdownShowsPercentagesAndDashesForMissingValues() {
    String md = table.markdown("demo");
    assertTrue(md.contains("| method | epochs | batch_size | knn_top1 | linear_top1 | linear_top5 | z_std |"), md);
    assertTrue(md.contains("| byol | 4 | 256 | 81.23 | 84.56 | 99.00 | 0.0551 |"), md);
    assertTrue(md.contains("| random-init | - | - | 70.00 | 75.12 | 98.00 | - |"), md);
  }

  @Test
  void csvKeepsRawFractionsAndRunIds() {
    String[] lines = table.csv().split("\n");
    assertEquals(
        "method,epochs,batch_size,knn_top1,linear_top1,linear_top5,z_std,pretrain_run_id,eval_run_id", lines[0]);
    assertEquals("byol,4,256,0.812340,0.845600,0.990000,0.055100,p1,e1", lines[1]);
    assertEquals("random-init,,,0.700000,0.751200,0.980000,,,e3", lines[2]);
  }
}

package dev.sslbench.workflow.cli;

import dev.sslbench.evaluation.detection.CocoEvalMain;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Scores a COCO-format result file against COCO ground truth, printing pycocotools' 12 stats. */
@Command(
    name = "coco",
    mixinStandardHelpOptions = true,
    description = "COCO bbox evaluation with pycocotools' semantics; prints the 12 stats in its layout.")
public final class CocoEvalCommand implements Callable<Integer> {
  @Option(names = "--gt", required = true, description = "Ground truth, COCO instances JSON.")
  Path gt;

  @Option(names = "--dt", required = true, description = "Detections, COCO results JSON.")
  Path dt;

  @Override
  public Integer call() {
    return CocoEvalMain.run(new String[] {"--gt", gt.toString(), "--dt", dt.toString()}, System.out, System.err);
  }
}

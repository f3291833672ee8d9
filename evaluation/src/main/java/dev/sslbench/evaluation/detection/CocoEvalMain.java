package dev.sslbench.evaluation.detection;

import java.io.PrintStream;
import java.nio.file.Path;

/** Command line: {@code --gt instances.json --dt results.json} prints the 12 COCO bbox stats. */
public final class CocoEvalMain {
  private static final String USAGE = "usage: coco-eval --gt <instances.json> --dt <results.json>";

  private CocoEvalMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the evaluation; returns the exit status (0 ok, 1 bad input, 2 bad arguments). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path gt = null;
    Path dt = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length || !(flag.equals("--gt") || flag.equals("--dt"))) {
        err.println("unexpected argument '" + flag + "'\n" + USAGE);
        return 2;
      }
      Path value = Path.of(args[++i]);
      if (flag.equals("--gt")) {
        gt = value;
      } else {
        dt = value;
      }
    }
    if (gt == null || dt == null) {
      err.println(USAGE);
      return 2;
    }
    try {
      CocoDataset dataset = CocoDataset.read(gt);
      CocoEvaluator evaluator = new CocoEvaluator(dataset, CocoResults.read(dt, dataset));
      evaluator.run();
      out.print(evaluator.summary());
      return 0;
    } catch (CocoFormatException e) {
      err.println(e.getMessage());
      return 1;
    }
  }
}

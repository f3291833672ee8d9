package dev.sslbench.workflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The evaluation protocols: on frozen backbones (knn, linear, all) and on detector outputs (coco). */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluation protocols: knn, linear or all on a frozen backbone; coco on detection results.")
public final class EvalCommand implements Runnable {
  @Spec CommandSpec spec;

  /** {@code eval} with its subcommands; the frozen-backbone ones share one class, one instance per protocol. */
  public static CommandLine commandLine() {
    CommandLine eval = new CommandLine(new EvalCommand());
    frozen(eval, "knn", "Weighted kNN on frozen features: cosine similarity, k neighbours, weights exp(sim/T).");
    frozen(eval, "linear", "Linear probe on frozen features: cross-entropy, fit on train, top-1/top-5 on test.");
    frozen(eval, "all", "Both kNN and the linear probe on features extracted once.");
    eval.addSubcommand("coco", new CocoEvalCommand());
    return eval;
  }

  private static void frozen(CommandLine eval, String protocol, String description) {
    CommandLine sub = new CommandLine(new FrozenEvalCommand(protocol));
    sub.getCommandSpec().usageMessage().description(description);
    eval.addSubcommand(protocol, sub);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

package dev.sslbench.workflow;

import dev.sslbench.workflow.cli.EvalCommand;
import dev.sslbench.workflow.cli.PreprocessCommand;
import dev.sslbench.workflow.cli.PretrainCommand;
import dev.sslbench.workflow.cli.QuickstartCommand;
import dev.sslbench.workflow.cli.ReportCommand;
import dev.sslbench.workflow.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sslbench} command line: one subcommand per stage, plus whole experiments. */
@Command(
    name = "sslbench",
    mixinStandardHelpOptions = true,
    version = "sslbench 0.1.0",
    description = "Self-supervised learning experiments on images, end to end, tracked in MLflow.",
    subcommands = {
      QuickstartCommand.class,
      RunCommand.class,
      PreprocessCommand.class,
      PretrainCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @Override
  public void run() {
    commandLine().usage(System.out);
  }

  /** The full command tree; {@code eval} is added by hand because its subcommands share one class. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.addSubcommand("eval", EvalCommand.commandLine());
    return cli;
  }

  public static void main(String[] args) {
    int code =
        commandLine()
            .setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                  // Errors from bad input are meant for people: the message, not a stack trace.
                  cmd.getErr().println("sslbench: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
                  if (System.getenv("SSLBENCH_DEBUG") != null) {
                    e.printStackTrace(cmd.getErr());
                  }
                  return 1;
                })
            .execute(args);
    System.exit(code);
  }
}

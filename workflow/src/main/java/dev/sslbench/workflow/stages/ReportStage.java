package dev.sslbench.workflow.stages;

import dev.sslbench.core.tracking.RunRecord;
import dev.sslbench.workflow.report.ReportBuilder;
import dev.sslbench.workflow.report.ReportTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The report stage: reads an experiment run's children back from MLflow and writes its table. */
public final class ReportStage {

  /** The table and where it was written. */
  public record Outcome(ReportTable table, Path markdown, Path csv, String runId) {}

  private ReportStage() {}

  /** Builds the table of the experiment run {@code experimentRunId} and logs it on a report run and the parent. */
  public static Outcome run(StageContext ctx, String experimentRunId) {
    return ctx.inRun(
        "report",
        "report",
        null,
        Map.of("sslbench.experiment_run_id", experimentRunId),
        run -> {
          StageCache cache = new StageCache(ctx.tracking(), ctx.experimentId());
          List<RunRecord> children =
              ctx.tracking().childRuns(ctx.experimentId(), experimentRunId).stream().map(cache::resolve).toList();
          ReportTable table = ReportBuilder.build(children);
          Path dir = ctx.reportsDir().resolve(ctx.experimentName());
          Path md = dir.resolve("table.md");
          Path csv = dir.resolve("table.csv");
          try {
            Files.createDirectories(dir);
            Files.writeString(md, table.markdown(ctx.experimentName()));
            Files.writeString(csv, table.csv());
          } catch (IOException e) {
            throw new UncheckedIOException("writing the report to " + dir + ": " + e.getMessage(), e);
          }
          run.log("rows", table.rows().size(), 0);
          run.logArtifact(md, "report");
          run.logArtifact(csv, "report");
          return new Outcome(table, md, csv, run.runId());
        });
  }
}

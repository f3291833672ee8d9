package dev.sslbench.workflow.report;

import dev.sslbench.core.tracking.RunRecord;
import dev.sslbench.workflow.stages.StageContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the results table of one experiment run from its tracked child runs alone. */
public final class ReportBuilder {
  public static final String RANDOM_INIT = "random-init";

  private ReportBuilder() {}

  /**
   * One row per finished evaluation run: pretrained backbones in the order they were trained, then random-init.
   * Epochs, batch size and z_std come from the linked pretraining run.
   */
  public static ReportTable build(List<RunRecord> children) {
    Map<String, RunRecord> byId = children.stream().collect(Collectors.toMap(RunRecord::runId, Function.identity()));
    List<RunRecord> evals = new ArrayList<>();
    for (RunRecord r : children) {
      if ("eval".equals(r.tags().get(StageContext.STAGE_TAG)) && "FINISHED".equals(r.status())) {
        evals.add(r);
      }
    }
    evals.sort(
        Comparator.comparing((RunRecord r) -> RANDOM_INIT.equals(r.tags().get(StageContext.METHOD_TAG)))
            .thenComparingLong(r -> pretrainStart(r, byId))
            .thenComparingLong(RunRecord::startTime));
    List<ReportRow> rows = new ArrayList<>();
    for (RunRecord eval : evals) {
      RunRecord pretrain = byId.get(eval.tags().get(StageContext.PRETRAIN_RUN_TAG));
      rows.add(
          new ReportRow(
              eval.tags().getOrDefault(StageContext.LABEL_TAG, eval.tags().getOrDefault(StageContext.METHOD_TAG, "?")),
              pretrain == null ? null : integer(pretrain.params().get("epochs")),
              pretrain == null ? null : integer(pretrain.params().get("batch_size")),
              eval.metrics().get("knn_top1"),
              eval.metrics().get("linear_top1"),
              eval.metrics().get("linear_top5"),
              pretrain == null ? null : pretrain.metrics().get("z_std"),
              pretrain == null ? null : pretrain.runId(),
              eval.runId()));
    }
    return new ReportTable(rows);
  }

  private static long pretrainStart(RunRecord eval, Map<String, RunRecord> byId) {
    RunRecord pretrain = byId.get(eval.tags().get(StageContext.PRETRAIN_RUN_TAG));
    return pretrain == null ? eval.startTime() : pretrain.startTime();
  }

  private static Integer integer(String s) {
    try {
      return s == null ? null : Integer.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

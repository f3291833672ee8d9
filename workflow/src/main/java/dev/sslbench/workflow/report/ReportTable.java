package dev.sslbench.workflow.report;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Renders report rows as a paper-style Markdown table (accuracies in percent) and as CSV (raw fractions). */
public final class ReportTable {
  static final List<String> COLUMNS =
      List.of("method", "epochs", "batch_size", "knn_top1", "linear_top1", "linear_top5", "z_std");

  private final List<ReportRow> rows;

  public ReportTable(List<ReportRow> rows) {
    this.rows = List.copyOf(rows);
  }

  public List<ReportRow> rows() {
    return rows;
  }

  public String markdown(String title) {
    StringBuilder sb = new StringBuilder();
    if (title != null) {
      sb.append("### ").append(title).append("\n\n");
    }
    sb.append("| ").append(String.join(" | ", COLUMNS)).append(" |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (ReportRow r : rows) {
      sb.append("| ")
          .append(r.method())
          .append(" | ")
          .append(text(r.epochs()))
          .append(" | ")
          .append(text(r.batchSize()))
          .append(" | ")
          .append(percent(r.knnTop1()))
          .append(" | ")
          .append(percent(r.linearTop1()))
          .append(" | ")
          .append(percent(r.linearTop5()))
          .append(" | ")
          .append(r.zStd() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.zStd()))
          .append(" |\n");
    }
    sb.append("\nkNN and linear top-1/top-5 in percent on the test split; z_std is the std of the")
        .append(" L2-normalised projection at the end of pretraining (~1/sqrt(d) healthy, 0 collapsed).\n");
    return sb.toString();
  }

  public String csv() {
    StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append(",pretrain_run_id,eval_run_id\n");
    for (ReportRow r : rows) {
      sb.append(csvField(r.method()))
          .append(',')
          .append(raw(r.epochs(), Object::toString))
          .append(',')
          .append(raw(r.batchSize(), Object::toString))
          .append(',')
          .append(raw(r.knnTop1(), ReportTable::number))
          .append(',')
          .append(raw(r.linearTop1(), ReportTable::number))
          .append(',')
          .append(raw(r.linearTop5(), ReportTable::number))
          .append(',')
          .append(raw(r.zStd(), ReportTable::number))
          .append(',')
          .append(raw(r.pretrainRunId(), Object::toString))
          .append(',')
          .append(raw(r.evalRunId(), Object::toString))
          .append('\n');
    }
    return sb.toString();
  }

  private static String text(Integer v) {
    return v == null ? "-" : v.toString();
  }

  private static String percent(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.2f", 100 * v);
  }

  private static String number(Object v) {
    return String.format(Locale.ROOT, "%.6f", (Double) v);
  }

  private static <T> String raw(T v, Function<Object, String> f) {
    return v == null ? "" : f.apply(v);
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}

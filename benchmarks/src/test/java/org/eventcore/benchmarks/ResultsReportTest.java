package org.eventcore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's ratios with their errors and significance, and the label of a run without durable commits. */
class ResultsReportTest {

  private static ResultsReport.Row row(double score, double error) {
    return new ResultsReport.Row("AppendBenchmark.append", "impl=eventcore", 4, score, error, "ops/s", Map.of());
  }

  @Test
  void aRatioWhoseIntervalsOverlapIsMarkedNotSignificant() {
    assertThat(ResultsReport.ratio(row(1_050, 60), row(1_000, 40))).isEqualTo("1.05× ±7% (not significant)");
  }

  @Test
  void aRatioWhoseIntervalsAreApartCarriesItsErrorOnly() {
    assertThat(ResultsReport.ratio(row(2_000, 100), row(1_000, 50))).isEqualTo("2.00× ±7%");
  }

  @Test
  void aRatioWithoutErrorsSaysSo() {
    assertThat(ResultsReport.ratio(row(2_000, Double.NaN), row(1_000, 50))).isEqualTo("2.00× ±?");
  }

  @Test
  void theReportOfARunWithoutDurableCommitsIsLabelledUnsafe(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("jmh.json"), """
        [{"benchmark": "org.eventcore.benchmarks.AppendBenchmark.append", "threads": 1,
          "params": {"impl": "eventcore"},
          "primaryMetric": {"score": 100.0, "scoreError": 5.0, "scoreUnit": "ops/s"}},
         {"benchmark": "org.eventcore.benchmarks.AppendBenchmark.append", "threads": 1,
          "params": {"impl": "floor"},
          "primaryMetric": {"score": 101.0, "scoreError": 5.0, "scoreUnit": "ops/s"}}]
        """);
    Files.writeString(dir.resolve("environment.md"), "| commits | **" + BenchServer.UNSAFE + "** |\n");
    String table = BenchmarkSuite.render(dir);
    assertThat(Files.readString(dir.resolve("RESULTS.md"))).startsWith("# Benchmark results: fsync off (unsafe)");
    assertThat(table).contains("0.99× ±7% (not significant) floor");
  }
}

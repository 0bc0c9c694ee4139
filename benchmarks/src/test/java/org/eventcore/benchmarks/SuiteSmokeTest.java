package org.eventcore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI smoke: every benchmark runs once, very briefly, in this JVM ({@code --smoke}), and the report files are
 * written; on the suite's own server with {@code --fast-unsafe} (fast, and the label on every file is checked; that
 * the default server is durable is {@link BenchServerTest}'s job). Measures nothing and asserts nothing about speed.
 */
class SuiteSmokeTest {

  @Test
  void everyBenchmarkProducesAResultAndTheReportIsWritten(@TempDir Path dir) throws Exception {
    Path out = BenchmarkSuite.run("--smoke", "--fast-unsafe", "--out=" + dir.resolve("results"));

    List<ResultsReport.Row> rows = ResultsReport.read(out.resolve("jmh.json"));
    Set<String> benchmarks = rows.stream().map(ResultsReport.Row::benchmark).collect(Collectors.toSet());
    assertThat(benchmarks).containsExactlyInAnyOrderElementsOf(BenchmarkSuite.BENCHMARKS);
    assertThat(rows.stream().filter(r -> r.benchmark().equals("AppendBenchmark.append")).map(ResultsReport.Row::params))
        .anyMatch(p -> p.contains("impl=eventcore")).anyMatch(p -> p.contains("impl=floor"))
        .anyMatch(p -> p.contains("impl=axon"));
    assertThat(rows.stream().filter(r -> r.benchmark().startsWith("CodecBenchmark")).map(ResultsReport.Row::params))
        .anyMatch(p -> p.contains("codec=generated")).anyMatch(p -> p.contains("codec=databind"))
        .anyMatch(p -> p.contains("codec=afterburner")).anyMatch(p -> p.contains("codec=blackbird"));
    assertThat(rows).allSatisfy(r -> assertThat(r.score()).isPositive());
    assertThat(rows.stream().filter(r -> r.benchmark().equals("ContentionBenchmark.oneHotStream")))
        .allSatisfy(r -> assertThat(r.secondary()).containsKeys("committed", "conflicts"));
    assertThat(rows.stream().filter(r -> r.benchmark().equals("ProjectionBenchmark.catchUp")))
        .allSatisfy(r -> assertThat(r.secondary()).containsKey("events"));

    assertThat(out.resolve("RESULTS.md")).isNotEmptyFile();
    String report = Files.readString(out.resolve("RESULTS.md"));
    assertThat(report).contains("synchronous_commit", "full_page_writes", "| benchmark |");
    if (System.getenv("DATABASE_URL") == null && System.getenv("TEST_DATABASE_URL") == null) {
      // --fast-unsafe: the suite's own embedded server without flushes, and every file says so
      assertThat(report).startsWith("# Benchmark results: " + BenchServer.UNSAFE).contains("| fsync | off |");
      assertThat(Files.readString(out.resolve("environment.md"))).contains(BenchServer.UNSAFE);
      assertThat(Files.readString(out.resolve("jmh.json"))).contains("\"durability\" : \"" + BenchServer.UNSAFE);
    }
    assertThat(out.resolve("write-path.png")).isNotEmptyFile();
    assertThat(Files.readAllBytes(out.resolve("write-path.png"))).startsWith(0x89, 'P', 'N', 'G');
  }
}

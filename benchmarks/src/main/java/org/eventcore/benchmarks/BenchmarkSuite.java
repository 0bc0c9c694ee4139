package org.eventcore.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.eventcore.postgres.PostgresConfig;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite against one PostgreSQL server ({@link BenchServer}: embedded with durable commits unless
 * {@code DATABASE_URL} is set) and writes JMH JSON, a markdown table with ratios to the baselines measured in the
 * same run (with their error, "not significant" where the two sides' confidence intervals overlap), the
 * environment block and a PNG chart into {@code results/<timestamp>/}.
 *
 * <p>Options: {@code --quick} (1 fork, 2×2 s warm-up, 3×3 s measurement instead of 2 forks, 3×5 s, 6×5 s),
 * {@code --fast-unsafe} (embedded server with fsync, synchronous_commit and full_page_writes off; every file of
 * the run is labelled {@value BenchServer#UNSAFE}),
 * {@code --smoke} (one 200 ms iteration each, in-process: proves the suite runs, measures nothing),
 * {@code --param=NAME=V1,V2} (a JMH parameter's values, e.g. {@code --param=eventsPerAppend=1,100}),
 * {@code --only=REGEX} (benchmark classes to run), {@code --threads=1,4,16}, {@code --out=DIR},
 * {@code --report=DIR} (re-render the markdown and chart of a finished run).
 */
public final class BenchmarkSuite {
  private BenchmarkSuite() {}

  /** A benchmark group: which benchmarks, at which thread counts, with which profilers. */
  record Group(String include, List<Integer> threads, boolean gc) {}

  /** Benchmark methods the suite runs: every one must produce a result. */
  static final List<String> BENCHMARKS = List.of("CodecBenchmark.serialize", "CodecBenchmark.deserialize",
      "AppendBenchmark.append", "CommandBenchmark.singleStreamCommand", "CommandBenchmark.transferCommand",
      "CommandBenchmark.floorSingleStream", "CommandBenchmark.floorTransfer", "ContentionBenchmark.oneHotStream",
      "ProjectionBenchmark.catchUp", "LongStreamBenchmark.command");

  public static void main(String[] args) throws Exception {
    run(args);
  }

  /** Runs the suite as {@link #main} does; returns the results folder. */
  static Path run(String... args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    if (opts.containsKey("report")) {
      Path dir = Path.of(opts.get("report"));
      System.out.println(render(dir));
      return dir;
    }
    boolean smoke = opts.containsKey("smoke");
    boolean quick = opts.containsKey("quick");
    boolean fastUnsafe = opts.containsKey("fast-unsafe");
    List<Integer> threadCounts = new ArrayList<>();
    for (String t : opts.getOrDefault("threads", smoke ? "1" : "1,4,16").split(",")) {
      threadCounts.add(Integer.parseInt(t.trim()));
    }
    try (BenchServer bench = BenchServer.start(fastUnsafe)) {
      return run(opts, smoke, quick, threadCounts, bench);
    }
  }

  private static Path run(Map<String, String> opts, boolean smoke, boolean quick, List<Integer> threadCounts,
      BenchServer bench) throws Exception {
    String only = opts.get("only");
    Path out = Path.of(opts.getOrDefault("out",
        "results/" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
            + (bench.unsafeLabel == null ? "" : "-fsync-off-unsafe")));
    Files.createDirectories(out);

    PostgresConfig server = bench.config;
    Path dbFile = Files.createTempFile("eventcore-bench-db", ".properties",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    dbFile.toFile().deleteOnExit();
    Properties p = new Properties();
    p.setProperty("url", server.url());
    p.setProperty("user", server.user());
    p.setProperty("password", server.password() == null ? "" : server.password());
    try (OutputStream o = Files.newOutputStream(dbFile)) {
      p.store(o, "benchmark database; deleted on exit");
    }
    String environment = environment(server, threadCounts, bench.unsafeLabel);
    System.out.println(environment);
    if (smoke) {
      System.setProperty(BenchDatabase.DB_PROPERTY, dbFile.toString()); // in-process benchmarks use this server
    }

    List<Group> groups = List.of(
        new Group("CodecBenchmark", List.of(1), true),
        new Group("AppendBenchmark", threadCounts, false),
        new Group("CommandBenchmark", threadCounts, false),
        new Group("ContentionBenchmark", threadCounts, false),
        new Group("ProjectionBenchmark", List.of(1), false),
        new Group("LongStreamBenchmark", List.of(1), false));
    ArrayNode all = new ObjectMapper().createArrayNode();
    int part = 0;
    for (Group g : groups) {
      if (only != null && !g.include().matches(only)) {
        continue;
      }
      for (int threads : g.threads()) {
        Path json = out.resolve("jmh-" + (part++) + ".json");
        ChainedOptionsBuilder o = new OptionsBuilder()
            .include(g.include())
            .threads(threads)
            .shouldFailOnError(true)
            .result(json.toString())
            .resultFormat(ResultFormatType.JSON)
            .jvmArgsAppend("-D" + BenchDatabase.DB_PROPERTY + "=" + dbFile, "-Xmx2g");
        if (smoke) {
          o.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200))
              .param("accounts", "20").param("eventsPerAppend", "10").param("event", "MoneyDeposited")
              .param("streamLength", "10");
        } else if (quick) {
          o.forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(2)).measurementIterations(3)
              .measurementTime(TimeValue.seconds(3));
        } else {
          // two forks and six iterations: enough that the headline ratios' errors stay under 20% (docs/BENCHMARKS.md)
          o.forks(2).warmupIterations(3).warmupTime(TimeValue.seconds(5)).measurementIterations(6)
              .measurementTime(TimeValue.seconds(5));
        }
        if (g.include().equals("ProjectionBenchmark")) {
          // one catch-up of every stored event per invocation (tens of seconds for 1,000,000): fewer iterations
          if (!smoke) {
            o.warmupIterations(1).measurementIterations(quick ? 2 : 3);
          } else {
            o.param("events", "2000");
          }
          if (!ProjectionBenchmark.postgresIsASource()) {
            System.out.println("PostgresEventStore does not implement ProjectionSource yet: projection catch-up"
                + " runs on InMemoryEventStore only");
            o.param("source", "memory");
          }
        }
        if (opts.containsKey("param")) {
          String[] kv = opts.get("param").split("=", 2);
          o.param(kv[0], kv[1].split(","));
        }
        if (g.gc()) {
          o.addProfiler(GCProfiler.class);
        }
        System.out.printf("== %s at %d thread(s)%n", g.include(), threads);
        new Runner(o.build()).run();
        for (JsonNode n : new ObjectMapper().readTree(json.toFile())) {
          ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("durability",
              bench.unsafeLabel == null ? "durable commits" : bench.unsafeLabel);
          all.add(n);
        }
      }
    }
    Path merged = out.resolve("jmh.json");
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(merged.toFile(), all);
    for (int i = 0; i < part; i++) {
      Files.deleteIfExists(out.resolve("jmh-" + i + ".json"));
    }
    if (smoke) {
      System.clearProperty(BenchDatabase.DB_PROPERTY);
    }
    Files.writeString(out.resolve("environment.md"), environment);
    String table = render(out);
    System.out.println(table);
    System.out.println("results in " + out.toAbsolutePath());
    return out;
  }

  /**
   * Writes RESULTS.md (environment, table with ratios, chart) and write-path.png from the folder's jmh.json and
   * environment.md; returns the table. {@code --report=DIR} re-renders a finished run this way.
   */
  static String render(Path out) throws IOException {
    List<ResultsReport.Row> rows = ResultsReport.read(out.resolve("jmh.json"));
    String environment = Files.readString(out.resolve("environment.md"));
    String label = environment.contains(BenchServer.UNSAFE) ? ": " + BenchServer.UNSAFE : "";
    String table = ResultsReport.markdown(rows, baselines(rows));
    ResultsReport.chart(rows.stream().filter(r -> !r.benchmark().startsWith("CodecBenchmark")
            && !r.benchmark().startsWith("ProjectionBenchmark")).toList(),
        out.resolve("write-path.png"), "EventCore write path and its baselines (dashed): ops/s by threads" + label);
    Files.writeString(out.resolve("RESULTS.md"),
        "# Benchmark results" + label + "\n\n" + environment + "\n" + table + "\n![chart](write-path.png)\n");
    return table;
  }

  /** Each EventCore row's baselines: the floor (and Axon) at the same parameters. */
  static Map<String, List<String>> baselines(List<ResultsReport.Row> rows) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (ResultsReport.Row r : rows) {
      String k = r.key();
      if (k.startsWith("CommandBenchmark.singleStreamCommand")) {
        map.put(k, List.of(k.replace("singleStreamCommand", "floorSingleStream")));
      } else if (k.startsWith("CommandBenchmark.transferCommand")) {
        map.put(k, List.of(k.replace("transferCommand", "floorTransfer")));
      } else if (k.startsWith("AppendBenchmark.append") && k.contains("impl=eventcore")) {
        map.put(k, List.of(k.replace("impl=eventcore", "impl=floor"), k.replace("impl=eventcore", "impl=axon")));
      } else if (k.startsWith("CodecBenchmark") && k.contains("codec=generated")) {
        map.put(k, List.of(k.replace("codec=generated", "codec=databind"),
            k.replace("codec=generated", "codec=afterburner"), k.replace("codec=generated", "codec=blackbird")));
      }
    }
    return map;
  }

  /** The environment block every published number must carry. */
  static String environment(PostgresConfig server, List<Integer> threads, String unsafeLabel)
      throws IOException, SQLException {
    String cpu = "unknown";
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.exists(cpuinfo)) {
      cpu = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
    }
    String pg;
    String fsync;
    String syncCommit;
    String fullPageWrites;
    String sharedBuffers;
    try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password());
        Statement s = c.createStatement()) {
      pg = scalar(s, "SHOW server_version");
      fsync = scalar(s, "SHOW fsync");
      syncCommit = scalar(s, "SHOW synchronous_commit");
      fullPageWrites = scalar(s, "SHOW full_page_writes");
      sharedBuffers = scalar(s, "SHOW shared_buffers");
    }
    return String.format(Locale.ROOT, """
        | environment | |
        |---|---|
        | commits | %s |
        | CPU | %s |
        | cores (JVM) | %d |
        | JDK | %s %s |
        | OS | %s %s |
        | PostgreSQL | %s (%s) |
        | fsync | %s |
        | synchronous_commit | %s |
        | full_page_writes | %s |
        | shared_buffers | %s |
        | pool size | 16 connections (HikariCP), shared by EventCore, the floor and Axon |
        | threads | %s |
        """, unsafeLabel == null ? "durable (flushed to disk before acknowledged)" : "**" + unsafeLabel + "**",
        cpu, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"), pg,
        server.url().replaceAll("//[^/]*@", "//"), fsync, syncCommit, fullPageWrites, sharedBuffers,
        threads);
  }

  private static String scalar(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}

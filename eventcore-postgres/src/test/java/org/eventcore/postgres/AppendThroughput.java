package org.eventcore.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.VersionConflictException;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.NewEvent;

/**
 * Not a test: a measurement, run by hand, behind the defaults in docs/POSTGRES.md. Transfers (read two streams,
 * append one event to each with both expected versions, re-read and retry on conflict) for a fixed time, at
 * READ COMMITTED and SERIALIZABLE, through the one-round-trip append function and through the same algorithm as
 * separate client-side statements.
 *
 * <pre>java -cp ... org.eventcore.postgres.AppendThroughput [seconds] [threads,...]</pre>
 */
public final class AppendThroughput {
  private AppendThroughput() {}

  interface Appender {
    void append(AppendRequest request);
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Integer> threadCounts = new ArrayList<>();
    for (String t : (args.length > 1 ? args[1] : "1,16").split(",")) {
      threadCounts.add(Integer.parseInt(t));
    }
    try (Connection c = PostgresTestDatabase.connect(); Statement st = c.createStatement()) {
      System.out.println("server: " + PostgresTestDatabase.description() + ", " + scalar(st, "SELECT version()")
          + ", fsync=" + scalar(st, "SHOW fsync") + ", synchronous_commit=" + scalar(st, "SHOW synchronous_commit"));
    }
    System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", JDK " + System.getProperty("java.version")
        + ", pool 16, " + seconds + " s per run");
    System.out.println("| isolation | append | streams | threads | appends/s | conflicts/s | store retries | p50 ms | p99 ms |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    // 0 streams: every thread writes its own pair of streams, so no conflicts at all (pure append cost)
    for (int streams : new int[] {0, 10, 1000}) {
      for (int threads : threadCounts) {
        for (IsolationLevel isolation : IsolationLevel.values()) {
          for (boolean function : new boolean[] {true, false}) {
            run(isolation, function, streams, threads, seconds);
          }
        }
      }
    }
    System.exit(0);
  }

  private static void run(IsolationLevel isolation, boolean function, int streamCount, int threads, int seconds)
      throws Exception {
    var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    PostgresConfig config = PostgresTestDatabase.newSchema("tp").maxConnections(16).minConnections(16)
        .isolation(isolation).maxRetries(10).meterRegistry(registry).build();
    try (PostgresEventStore store = new PostgresEventStore(config);
        HikariDataSource ownPool = openPool(config)) {
      store.initialize();
      MultiStatementAppender multi = new MultiStatementAppender(ownPool, new Schema(config.schema()), isolation);
      Appender appender = function ? store::append : multi;
      List<StreamId> streams = new ArrayList<>();
      for (int i = 0; i < Math.max(streamCount, 2 * threads); i++) {
        streams.add(StreamId.of("acc-" + i));
      }
      AtomicLong ok = new AtomicLong();
      AtomicLong conflicts = new AtomicLong();
      long[][] latencies = new long[threads][];
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
      });
      long warmupEnd = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          long[] lat = new long[2_000_000];
          int n = 0;
          while (true) {
            long now = System.nanoTime();
            if (now > end) {
              break;
            }
            StreamId a;
            StreamId b;
            if (streamCount == 0) {
              a = streams.get(2 * thread);
              b = streams.get(2 * thread + 1);
            } else {
              a = streams.get(random.nextInt(streamCount));
              do {
                b = streams.get(random.nextInt(streamCount));
              } while (b.equals(a));
            }
            long started = System.nanoTime();
            for (int attempt = 0; ; attempt++) {
              Map<StreamId, Long> versions = new LinkedHashMap<>(store.readStreams(List.of(a, b), e -> {}));
              try {
                appender.append(new AppendRequest(versions, List.of(
                    new NewEvent(UuidV7.next(), a, "MoneyWithdrawn", "{\"amount\":1}", EventMetadata.EMPTY),
                    new NewEvent(UuidV7.next(), b, "MoneyDeposited", "{\"amount\":1}", EventMetadata.EMPTY))));
                break;
              } catch (VersionConflictException e) {
                if (started > warmupEnd) {
                  conflicts.incrementAndGet();
                }
                // the CommandExecutor's default backoff: 5 ms doubling to 500 ms, 25% jitter
                long delay = (long) (Math.min(500, 5 * Math.pow(2, Math.min(attempt, 7))) * (0.75 + random.nextDouble() / 2));
                try {
                  Thread.sleep(delay);
                } catch (InterruptedException ie) {
                  return null;
                }
              }
            }
            if (started > warmupEnd) {
              ok.incrementAndGet();
              if (n < lat.length) {
                lat[n++] = System.nanoTime() - started;
              }
            }
          }
          latencies[thread] = java.util.Arrays.copyOf(lat, n);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      long[] all = java.util.Arrays.stream(latencies).flatMapToLong(java.util.Arrays::stream).sorted().toArray();
      double retries = registry.find(StoreMetrics.RETRIES).counters().stream().mapToDouble(c -> c.count()).sum()
          + multi.retries.get();
      System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %,.0f | %,.0f | %,.0f | %.2f | %.2f |%n", isolation,
          function ? "function (1 round trip)" : "client statements", streamCount, threads,
          ok.get() / (double) seconds, conflicts.get() / (double) seconds, retries,
          all.length == 0 ? 0 : all[all.length / 2] / 1e6, all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6);
    }
  }

  private static String scalar(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** A pool of the multi-statement appender's own, sized and isolated like the store's. */
  private static HikariDataSource openPool(PostgresConfig config) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(config.url());
    hc.setUsername(config.user());
    hc.setPassword(config.password());
    hc.setMaximumPoolSize(config.maxConnections());
    hc.setMinimumIdle(config.minConnections());
    hc.setTransactionIsolation(config.isolation().hikariName());
    return new HikariDataSource(hc);
  }

  /** The function's algorithm as separate statements in one client-side transaction. */
  static final class MultiStatementAppender implements Appender {
    private final DataSource ds;
    private final Schema s;
    private final IsolationLevel isolation;
    final AtomicLong retries = new AtomicLong();

    MultiStatementAppender(DataSource ds, Schema s, IsolationLevel isolation) {
      this.ds = ds;
      this.s = s;
      this.isolation = isolation;
    }

    @Override
    public void append(AppendRequest request) {
      for (int attempt = 0; ; attempt++) {
        try {
          appendOnce(request);
          return;
        } catch (SQLException e) {
          if (!"40001".equals(e.getSQLState()) && !"40P01".equals(e.getSQLState())) {
            throw new IllegalStateException(e);
          }
          retries.incrementAndGet();
          try {
            Thread.sleep(Math.min(2000, (long) (50 * Math.pow(2, Math.min(attempt, 6)) * (0.75 + Math.random() / 2))));
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ie);
          }
        }
      }
    }

    private void appendOnce(AppendRequest request) throws SQLException {
      List<StreamId> sorted = new ArrayList<>(request.expectedVersions().keySet());
      sorted.sort(null);
      Map<StreamId, Integer> counts = new LinkedHashMap<>();
      request.events().forEach(e -> counts.merge(e.streamId(), 1, Integer::sum));
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          List<org.eventcore.runtime.store.VersionConflict> conflicts = new ArrayList<>();
          for (StreamId id : sorted) {
            long expected = request.expectedVersions().get(id);
            if (expected == 0) {
              try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + s.q + ".event_streams (stream_id, version)"
                  + " VALUES (?, 0) ON CONFLICT (stream_id) DO NOTHING")) {
                ps.setString(1, id.value());
                ps.executeUpdate();
              }
            }
            String lock = counts.containsKey(id) ? "FOR NO KEY UPDATE" : "FOR SHARE";
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + s.q
                + ".event_streams WHERE stream_id = ? " + lock)) {
              ps.setString(1, id.value());
              try (ResultSet rs = ps.executeQuery()) {
                long actual = rs.next() ? rs.getLong(1) : 0;
                if (actual != expected) {
                  conflicts.add(new org.eventcore.runtime.store.VersionConflict(id, expected, actual));
                }
              }
            }
          }
          if (!conflicts.isEmpty()) {
            c.rollback();
            throw new VersionConflictException(conflicts);
          }
          for (StreamId id : sorted) {
            if (counts.containsKey(id)) {
              try (PreparedStatement ps = c.prepareStatement("UPDATE " + s.q + ".event_streams SET version = version + ?,"
                  + " updated_at = now() WHERE stream_id = ? AND version = ?")) {
                ps.setLong(1, counts.get(id));
                ps.setString(2, id.value());
                ps.setLong(3, request.expectedVersions().get(id));
                ps.executeUpdate();
              }
            }
          }
          int m = request.events().size();
          Object[] ids = new Object[m];
          String[] st = new String[m];
          Long[] vs = new Long[m];
          String[] types = new String[m];
          String[] data = new String[m];
          Map<StreamId, Long> next = new LinkedHashMap<>(request.expectedVersions());
          for (int j = 0; j < m; j++) {
            NewEvent e = request.events().get(j);
            ids[j] = e.eventId();
            st[j] = e.streamId().value();
            vs[j] = next.merge(e.streamId(), 1L, Long::sum);
            types[j] = e.eventType();
            data[j] = e.payload();
          }
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + s.q + ".events (event_id, stream_id, version,"
              + " event_type, event_data) SELECT i, s, v, t, d::jsonb FROM unnest(?::uuid[], ?::text[], ?::bigint[],"
              + " ?::text[], ?::text[]) AS x(i, s, v, t, d)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("text", st));
            ps.setArray(3, c.createArrayOf("int8", vs));
            ps.setArray(4, c.createArrayOf("text", types));
            ps.setArray(5, c.createArrayOf("text", data));
            ps.executeUpdate();
          }
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    }
  }
}

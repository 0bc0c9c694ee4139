package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.store.AppendRequest;

/**
 * Not a test: a measurement, run by hand, behind docs/benchmarks/notify-out-of-transaction. Commit throughput of
 * 1-event appends (each writer its own stream, so no conflicts) at 1/4/16/32 writers, in one run, alternating:
 * <ul>
 *   <li>{@code trigger}: the old statement-level trigger re-installed, so every append transaction NOTIFYs (and
 *       the store's own notifier off: the behaviour before migration 6);</li>
 *   <li>{@code after}: no trigger, the store's coalesced notifier at its default interval.</li>
 * </ul>
 * Meaningful on a durable server only (fsync and synchronous_commit on): point TEST_DATABASE_URL at one.
 *
 * <pre>java -cp ... org.eventcore.postgres.NotifyThroughput [seconds] [repetitions] [writers,...]</pre>
 */
public final class NotifyThroughput {
  private NotifyThroughput() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    List<Integer> writerCounts = new ArrayList<>();
    for (String w : (args.length > 2 ? args[2] : "1,4,16,32").split(",")) {
      writerCounts.add(Integer.parseInt(w));
    }
    try (Connection c = PostgresTestDatabase.connect(); Statement st = c.createStatement()) {
      System.out.println("server: " + PostgresTestDatabase.description() + ", " + scalar(st, "SHOW server_version")
          + ", fsync=" + scalar(st, "SHOW fsync") + ", synchronous_commit=" + scalar(st, "SHOW synchronous_commit")
          + ", full_page_writes=" + scalar(st, "SHOW full_page_writes"));
    }
    System.out.println("client cores: " + Runtime.getRuntime().availableProcessors() + ", JDK "
        + System.getProperty("java.version") + ", " + seconds + " s per trial after 1 s warm-up, " + reps
        + " trials per cell, alternating trigger/after");
    System.out.println("| writers | trigger appends/s (trials) | after appends/s (trials) | after / trigger |");
    System.out.println("|---:|---|---|---:|");
    for (int writers : writerCounts) {
      double[] before = new double[reps];
      double[] after = new double[reps];
      for (int r = 0; r < reps; r++) {
        before[r] = trial(true, writers, seconds);
        after[r] = trial(false, writers, seconds);
      }
      System.out.printf(Locale.ROOT, "| %d | %,.0f (%s) | %,.0f (%s) | %.2fx |%n", writers, mean(before),
          list(before), mean(after), list(after), mean(after) / mean(before));
    }
    System.exit(0);
  }

  private static double trial(boolean trigger, int writers, int seconds) throws Exception {
    PostgresConfig.Builder b = PostgresTestDatabase.newSchema(trigger ? "nt_trig" : "nt_after")
        .maxConnections(writers + 1).minConnections(writers + 1);
    if (trigger) {
      b.notifyInterval(Duration.ZERO);
    }
    PostgresConfig config = b.build();
    try (PostgresEventStore store = new PostgresEventStore(config)) {
      store.initialize();
      if (trigger) {
        String q = "\"" + config.schema() + "\"";
        PgTestSupport.execute("CREATE FUNCTION " + q + ".eventcore_notify_append() RETURNS trigger LANGUAGE plpgsql"
            + " AS $fn$ BEGIN PERFORM pg_notify('" + Schema.channelFor(config.schema()) + "', ''); RETURN NULL; END $fn$");
        PgTestSupport.execute("CREATE TRIGGER events_notify_append AFTER INSERT ON " + q + ".events"
            + " FOR EACH STATEMENT EXECUTE FUNCTION " + q + ".eventcore_notify_append()");
      }
      AtomicLong done = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      long warm = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      long end = warm + Duration.ofSeconds(seconds).toNanos();
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        futures.add(pool.submit(() -> {
          StreamId s = StreamId.of("w-" + UUID.randomUUID());
          long version = 0;
          while (true) {
            long now = System.nanoTime();
            if (now > end) {
              return null;
            }
            store.append(AppendRequest.single(s, version, List.of(PgTestSupport.event(s, "Counted", "{\"n\":1}"))));
            version++;
            if (now > warm) {
              done.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      return done.get() / (double) seconds;
    }
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static String list(double[] values) {
    StringBuilder sb = new StringBuilder();
    for (double v : values) {
      sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", v));
    }
    return sb.toString();
  }

  private static String scalar(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}

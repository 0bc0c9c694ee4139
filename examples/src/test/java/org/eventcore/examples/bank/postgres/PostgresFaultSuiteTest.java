package org.eventcore.examples.bank.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventcore.examples.bank.Deposit;
import org.eventcore.examples.bank.OpenAccount;
import org.eventcore.examples.bank.SqlBalances;
import org.eventcore.examples.bank.Transfer;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.FaultProxy;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.CommandRejectedException;
import org.eventcore.runtime.EventCoreException;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ExecutionResult;
import org.eventcore.runtime.projection.ProjectionOptions;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fault injection on real PostgreSQL: four threads of random transfers and a transactional (exactly-once)
 * projection run for {@link #FAULT_PHASE} while backends are killed ({@code pg_terminate_backend}), a loopback
 * proxy drops append answers, cuts connections, stalls for {@link #STALL} (no FIN, no RST) and refuses
 * connections for {@link #OUTAGE}. Then the faults stop and the invariants are checked by SQL: money conserved,
 * versions contiguous, every acknowledged command stored exactly once, nothing written for a failure reported as
 * not written, every event delivered to the projection exactly once. The run stops by itself: workers stop at a
 * deadline, every call is bounded by the store's time limits, and a caller still blocked 30 s after the deadline
 * fails the test.
 */
class PostgresFaultSuiteTest {
  static final Duration FAULT_PHASE = Duration.ofSeconds(20);
  static final Duration STALL = Duration.ofMillis(1500);
  static final Duration OUTAGE = Duration.ofSeconds(3);
  static final int ACCOUNTS = 10;
  static final long OPENING_BALANCE = 10_000;

  /** What one command execution reported. */
  record Outcome(UUID correlation, String type, Transfer transfer) {}

  @Test
  @Timeout(value = 170, unit = TimeUnit.SECONDS)
  void invariantsHoldUnderKillsDroppedAnswersStallsAndAnOutage() throws Exception {
    PostgresConfig base = PostgresTestDatabase.newSchema("faults").build();
    String q = "\"" + base.schema() + "\"";
    try (FaultProxy proxy = FaultProxy.inFrontOf(base.url());
        PostgresEventStore store = new PostgresEventStore(base.toBuilder().url(proxy.route(base.url()))
            .applicationName("fault-suite").maxConnections(8).maxRetries(4)
            .retryInitialDelay(Duration.ofMillis(50)).retryMaxDelay(Duration.ofMillis(800))
            .acquireTimeout(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(1))
            .loginTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(3))
            .statementTimeout(Duration.ofSeconds(2)).build())) {
      store.initialize();
      try (Connection c = PostgresTestDatabase.connect()) {
        SqlBalances.createTable(c, base.schema());
      }
      CommandExecutor executor = new CommandExecutor(store);
      List<StreamId> accounts = new ArrayList<>();
      for (int i = 0; i < ACCOUNTS; i++) {
        StreamId a = StreamId.of("fault-acct-" + i);
        accounts.add(a);
        executor.execute(new OpenAccount(a, "owner " + i));
        executor.execute(new Deposit(a, OPENING_BALANCE));
      }

      ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
      AtomicInteger kills = new AtomicInteger();
      AtomicInteger drops = new AtomicInteger();
      AtomicInteger cuts = new AtomicInteger();
      long faultsStarted = System.nanoTime();
      long deadline = faultsStarted + FAULT_PHASE.toNanos();
      ProjectionRunner<SqlBalances> projection = new ProjectionRunner<>(store, new SqlBalances(base.schema()),
          ProjectionOptions.defaults().withTransactional(true).withBatchSize(20)
              .withPollInterval(Duration.ofMillis(100))).start();
      ExecutorService workers = Executors.newFixedThreadPool(5);
      try {
        for (int w = 0; w < 4; w++) {
          long seed = 1000 + w;
          workers.submit(() -> transfers(executor, accounts, new Random(seed), deadline, outcomes));
        }
        workers.submit(() -> faults(proxy, new Random(7), deadline, kills, drops, cuts));
        workers.shutdown();
        assertThat(workers.awaitTermination(FAULT_PHASE.toSeconds() + 30, TimeUnit.SECONDS))
            .as("every caller returned within its bounds (none hung)").isTrue();
        proxy.resume();

        // the projection resumes by itself once the faults are over and catches up
        assertThat(projection.awaitCaughtUp(Duration.ofSeconds(60)))
            .as("projection caught up after the faults: %s", projection.status()).isTrue();
      } finally {
        workers.shutdownNow();
        projection.close();
      }

      long recovered = System.nanoTime();
      Map<String, Integer> byType = new TreeMap<>();
      for (Outcome o : outcomes) {
        byType.merge(o.type(), 1, Integer::sum);
      }
      System.out.printf("fault run: %d commands, %d kills, %d dropped answers, %d cuts (proxy cut %d), outcomes %s,"
          + " projection %s%n", outcomes.size(), kills.get(), drops.get(), cuts.get(), proxy.cut(), byType,
          projection.status());

      // only EventCoreException subtypes reach the caller
      assertThat(byType.keySet()).allMatch(t -> t.equals("ok") || t.startsWith("EventCore:"), "only EventCore types");
      assertThat(projection.status().errors()).as("the projection's error policy saw no store failure").isZero();
      // money conserved
      assertThat(totalMoney(q)).isEqualTo(ACCOUNTS * OPENING_BALANCE);
      // versions contiguous from 1 and heads equal to the last version
      assertThat(query("SELECT count(*) FROM (SELECT e.stream_id FROM " + q + ".events e JOIN " + q
          + ".event_streams h USING (stream_id) GROUP BY e.stream_id, h.version"
          + " HAVING count(*) <> max(e.version) OR min(e.version) <> 1 OR h.version <> max(e.version)) bad")).isZero();
      // each acknowledged command stored exactly once; nothing written for a failure reported as not written
      Map<String, Long> rowsByCorrelation = countByCorrelation(q);
      int unknown = 0;
      for (Outcome o : outcomes) {
        long rows = rowsByCorrelation.getOrDefault(o.correlation().toString(), 0L);
        if (o.type().equals("ok")) {
          assertThat(rows).as("acknowledged transfer %s", o.correlation()).isEqualTo(2);
        } else if (o.type().startsWith("EventCore:AppendOutcomeUnknownException")) {
          unknown++;
          assertThat(rows).as("outcome-unknown transfer %s", o.correlation()).isIn(0L, 2L);
        } else {
          assertThat(rows).as("transfer %s reported as not written (%s)", o.correlation(), o.type()).isZero();
        }
      }
      // every event delivered to the exactly-once projection exactly once
      long moneyEvents = query("SELECT count(*) FROM " + q + ".events WHERE event_type IN ('MoneyDeposited',"
          + " 'MoneyWithdrawn')");
      assertThat(query("SELECT coalesce(sum(entries), 0) FROM " + q + ".bank_balances")).isEqualTo(moneyEvents);
      assertThat(query("SELECT count(*) FROM " + q + ".bank_balances b WHERE b.balance_cents <> (SELECT"
          + " coalesce(sum(CASE WHEN e.event_type = 'MoneyDeposited' THEN (e.event_data->>'amountCents')::bigint"
          + " ELSE -(e.event_data->>'amountCents')::bigint END), 0) FROM " + q + ".events e WHERE e.stream_id ="
          + " b.account AND e.event_type IN ('MoneyDeposited', 'MoneyWithdrawn'))")).isZero();
      System.out.printf("fault run invariants: money %d conserved, versions contiguous, %d acknowledged stored once,"
          + " %d outcome-unknown (0 or 2 events each), %d money events delivered once; faults and recovery %.1f s,"
          + " checks %.1f s%n", ACCOUNTS * OPENING_BALANCE, byType.getOrDefault("ok", 0), unknown, moneyEvents,
          (recovered - faultsStarted) / 1e9, (System.nanoTime() - recovered) / 1e9);
      assertThat(kills.get()).as("the run really killed backends").isPositive();

      // every outcome-unknown transfer executed again with its key, faults over: a replay when it had committed
      // (2 events, none added), a fresh execution (2 events) or a rejection (none) when it had not; never 4
      int replayed = 0;
      int rewritten = 0;
      int rejected = 0;
      for (Outcome o : outcomes) {
        if (!o.type().startsWith("EventCore:AppendOutcomeUnknownException")) {
          continue;
        }
        long before = rowsByCorrelation.getOrDefault(o.correlation().toString(), 0L);
        long after;
        try {
          ExecutionResult again = executor.execute(o.transfer(),
              EventMetadata.builder().correlationId(o.correlation()).build(), o.correlation().toString());
          after = countByCorrelation(q).getOrDefault(o.correlation().toString(), 0L);
          assertThat(again.replayed()).as("replayed exactly when it had committed: %s", o.correlation())
              .isEqualTo(before == 2);
          assertThat(after).as("resolved transfer %s", o.correlation()).isEqualTo(2);
          if (again.replayed()) {
            replayed++;
          } else {
            rewritten++;
          }
        } catch (CommandRejectedException e) {
          after = countByCorrelation(q).getOrDefault(o.correlation().toString(), 0L);
          assertThat(before).as("a committed transfer is replayed, never rejected: %s", o.correlation()).isZero();
          assertThat(after).isZero();
          rejected++;
        }
      }
      assertThat(totalMoney(q)).isEqualTo(ACCOUNTS * OPENING_BALANCE);
      System.out.printf("outcome-unknown transfers resolved by their idempotency keys: %d replayed (had committed),"
          + " %d executed now, %d rejected now; money conserved%n", replayed, rewritten, rejected);
    }
  }

  private static void transfers(CommandExecutor executor, List<StreamId> accounts, Random random, long deadline,
      ConcurrentLinkedQueue<Outcome> outcomes) {
    while (System.nanoTime() - deadline < 0) {
      StreamId from = accounts.get(random.nextInt(accounts.size()));
      StreamId to = accounts.get(random.nextInt(accounts.size()));
      if (from.equals(to)) {
        continue;
      }
      UUID correlation = UuidV7.next();
      Transfer transfer = new Transfer(from, to, 1 + random.nextInt(100));
      String type;
      try {
        // keyed by its correlation id: an outcome-unknown transfer is resolved by executing it again (below)
        executor.execute(transfer, EventMetadata.builder().correlationId(correlation).build(), correlation.toString());
        type = "ok";
      } catch (EventCoreException e) {
        type = "EventCore:" + e.getClass().getSimpleName()
            + (e instanceof StoreException s ? "(" + s.operation() + ")" : "");
      } catch (RuntimeException e) {
        type = "other:" + e.getClass().getName();
      }
      outcomes.add(new Outcome(correlation, type, transfer));
    }
  }

  private static void faults(FaultProxy proxy, Random random, long deadline, AtomicInteger kills,
      AtomicInteger drops, AtomicInteger cuts) {
    long start = System.nanoTime();
    boolean stalled = false;
    boolean outage = false;
    try {
      while (System.nanoTime() - deadline < 0) {
        long elapsed = System.nanoTime() - start;
        if (!stalled && elapsed > FAULT_PHASE.toNanos() * 2 / 5) {
          stalled = true;
          proxy.stall();
          Thread.sleep(STALL.toMillis()); // the fault's own duration, not a wait for a result
          proxy.resume();
          continue;
        }
        if (!outage && elapsed > FAULT_PHASE.toNanos() * 7 / 10) {
          outage = true;
          proxy.refuseFor(OUTAGE);
          Thread.sleep(OUTAGE.toMillis());
          continue;
        }
        int pick = random.nextInt(10);
        if (pick < 6) {
          kills.addAndGet(killOneBackend(random));
        } else if (pick < 9) {
          proxy.dropAnswerTo("eventcore_append");
          drops.incrementAndGet();
        } else {
          proxy.cutAll();
          cuts.incrementAndGet();
        }
        Thread.sleep(100 + random.nextInt(200));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      proxy.resume();
    }
  }

  private static int killOneBackend(Random random) {
    try (Connection c = PostgresTestDatabase.connect();
        PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM (SELECT pid FROM"
            + " pg_stat_activity WHERE application_name = 'fault-suite' AND pid <> pg_backend_pid()"
            + " ORDER BY random() LIMIT 1) victim")) {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1) ? 1 : 0;
      }
    } catch (SQLException e) {
      return 0;
    }
  }

  /** Events per correlation id, in one query. */
  private static Map<String, Long> countByCorrelation(String q) throws SQLException {
    Map<String, Long> counts = new java.util.HashMap<>();
    try (Connection c = PostgresTestDatabase.connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT metadata->>'correlation_id', count(*) FROM " + q + ".events GROUP BY 1");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }

  /** The sum of all deposits minus all withdrawals in the events table. */
  private static long totalMoney(String q) throws SQLException {
    return query("SELECT coalesce(sum(CASE WHEN event_type = 'MoneyDeposited' THEN (event_data->>'amountCents')"
        + "::bigint WHEN event_type = 'MoneyWithdrawn' THEN -(event_data->>'amountCents')::bigint ELSE 0 END), 0)"
        + " FROM " + q + ".events");
  }

  private static long query(String sql, Object... args) throws SQLException {
    try (Connection c = PostgresTestDatabase.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}

package org.eventcore.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eventcore.examples.bank.BankEvent;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.examples.bank.Deposit;
import org.eventcore.examples.bank.OpenAccount;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.NewEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One single-stream command (a Deposit) on a stream that already holds {@code streamLength} events, on PostgreSQL:
 * with a warm state cache ({@code cache=warm}); cold from a durable snapshot ({@code cache=snapshot}: the cache
 * off, so every command loads the newest snapshot of {@code AccountState} and reads the events after it, at most
 * the default interval of 100, while snapshots are written off the hot path every 100 events); or with the cache
 * and snapshots off ({@code cache=off}, every command folds the whole stream). Each iteration starts from the
 * same stream: the events the previous iteration's commands wrote are deleted (bypassing the append-only trigger
 * for that transaction: needs a superuser, as the embedded server's), and so are the snapshots, which are then
 * written again at {@code streamLength}; the length stays as labelled (within one iteration it grows by the
 * commands run). The headline is the ratio of a long stream's rate to the 10-event stream's, with a warm cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LongStreamBenchmark {
  @Param({"10", "1000", "10000", "100000"})
  public int streamLength;

  @Param({"warm", "snapshot", "off"})
  public String cache;

  BenchDatabase db;
  CommandExecutor executor;
  StreamId account;
  final EventCodec<BankEvent> codec = EventCodecs.of(BankEvent.class);

  @Setup(Level.Trial)
  public void setUp() {
    db = BenchDatabase.open("bench_long", 4);
    CommandExecutor.Builder b = CommandExecutor.builder(db.store);
    executor = switch (cache) {
      case "off" -> b.stateCacheBytes(0).snapshotEvery(0).build();
      case "snapshot" -> b.stateCacheBytes(0).build();
      default -> b.build();
    };
    account = StreamId.of("account-" + UuidV7.next());
    executor.execute(new OpenAccount(account, "owner"));
    long version = 1;
    while (version < streamLength) {
      int batch = (int) Math.min(1_000, streamLength - version);
      List<NewEvent> events = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        MoneyDeposited e = new MoneyDeposited(account, 1, Optional.empty());
        events.add(new NewEvent(UuidV7.next(), account, codec.typeName(e), codec.encode(e), EventMetadata.EMPTY));
      }
      db.store.append(new AppendRequest(Map.of(account, version), events));
      version += batch;
    }
  }

  /**
   * Back to {@code streamLength} events and no snapshot; then one command, so that a warm cache holds the stream's
   * state, and (cold from a snapshot) one cold command of an executor that writes the snapshot on its own thread,
   * so that the iteration starts with a snapshot at the stream's length when it has at least 100 events.
   */
  @Setup(Level.Iteration)
  public void resetStream() throws SQLException {
    String schema = "\"" + db.config.schema() + "\"";
    try (Connection c = db.pool.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        // events are append-only (a trigger); a benchmark reset may bypass it for this transaction (superuser)
        st.execute("SET LOCAL session_replication_role = replica");
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM " + schema + ".events WHERE stream_id = ? AND version > ?")) {
        ps.setString(1, account.value());
        ps.setLong(2, streamLength);
        ps.executeUpdate();
      }
      try (Statement st = c.createStatement()) {
        st.execute("DELETE FROM " + schema + ".state_snapshots"); // snapshots of the deleted events' history
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE " + schema + ".event_streams SET version = ? WHERE stream_id = ?")) {
        ps.setLong(1, streamLength);
        ps.setString(2, account.value());
        ps.executeUpdate();
      }
      c.commit();
      c.setAutoCommit(true);
    }
    if (cache.equals("snapshot")) {
      CommandExecutor.builder(db.store).stateCacheBytes(0).snapshotWriter(Runnable::run).build()
          .execute(new Deposit(account, 1));
    } else {
      executor.execute(new Deposit(account, 1));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    db.close();
  }

  @Benchmark
  public Object command() {
    return executor.execute(new Deposit(account, 1));
  }
}

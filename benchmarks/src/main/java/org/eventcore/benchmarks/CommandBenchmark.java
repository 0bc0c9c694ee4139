package org.eventcore.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eventcore.examples.bank.BankEvent;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.examples.bank.BankEvent.MoneyWithdrawn;
import org.eventcore.examples.bank.Deposit;
import org.eventcore.examples.bank.OpenAccount;
import org.eventcore.examples.bank.Transfer;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.eventcore.runtime.command.CommandExecutor;
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
 * Whole commands through the {@link CommandExecutor} on PostgreSQL (read the streams, fold, decide, append with
 * version checks), over {@code accounts} accounts chosen at random so that conflicts stay rare, next to the raw
 * JDBC floor writing the same rows: one event and its head for a deposit, two events and two heads for a
 * transfer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CommandBenchmark {
  @Param({"1000"})
  public int accounts;

  @Param({"16"})
  public int poolSize;

  BenchDatabase db;
  CommandExecutor executor;
  RawJdbcFloor floor;
  List<StreamId> ids;
  final EventCodec<BankEvent> codec = EventCodecs.of(BankEvent.class);

  @Setup(Level.Trial)
  public void setUp() {
    db = BenchDatabase.open("bench_command", poolSize);
    executor = new CommandExecutor(db.store);
    floor = new RawJdbcFloor(db.pool, db.sibling("bench_command_floor"));
    ids = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      StreamId id = StreamId.of("account-" + UuidV7.next());
      executor.execute(new OpenAccount(id, "owner " + i));
      executor.execute(new Deposit(id, 1_000_000_000L));
      ids.add(id);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    db.close();
  }

  /** Per thread: versions of the floor's streams, which the floor tracks itself instead of checking. */
  @State(Scope.Thread)
  public static class FloorStreams {
    final java.util.Map<String, Long> versions = new java.util.HashMap<>();
    final String prefix = "floor-" + UuidV7.next() + "-";

    long next(String stream) {
      return versions.merge(stream, 1L, Long::sum);
    }
  }

  private StreamId any() {
    return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
  }

  @Benchmark
  public Object singleStreamCommand() {
    return executor.execute(new Deposit(any(), 1));
  }

  @Benchmark
  public Object transferCommand() {
    StreamId from = any();
    StreamId to = any();
    while (to.equals(from)) {
      to = any();
    }
    return executor.execute(new Transfer(from, to, 1));
  }

  @Benchmark
  public void floorSingleStream(FloorStreams f) throws Exception {
    String stream = f.prefix + ThreadLocalRandom.current().nextInt(accounts);
    MoneyDeposited e = new MoneyDeposited(StreamId.of(stream), 1, Optional.empty());
    floor.write(List.of(new RawJdbcFloor.Row(UuidV7.next(), stream, f.next(stream), codec.typeName(e),
        codec.encode(e), RawJdbcFloor.Row.correlated(UuidV7.next()))));
  }

  @Benchmark
  public void floorTransfer(FloorStreams f) throws Exception {
    int a = ThreadLocalRandom.current().nextInt(accounts);
    int b = (a + 1 + ThreadLocalRandom.current().nextInt(accounts - 1)) % accounts;
    String from = f.prefix + a;
    String to = f.prefix + b;
    MoneyWithdrawn out = new MoneyWithdrawn(StreamId.of(from), 1, Optional.of(UuidV7.next()));
    MoneyDeposited in = new MoneyDeposited(StreamId.of(to), 1, out.transferId());
    String metadata = RawJdbcFloor.Row.correlated(UuidV7.next());
    floor.write(List.of(
        new RawJdbcFloor.Row(UuidV7.next(), from, f.next(from), codec.typeName(out), codec.encode(out), metadata),
        new RawJdbcFloor.Row(UuidV7.next(), to, f.next(to), codec.typeName(in), codec.encode(in), metadata)));
  }
}

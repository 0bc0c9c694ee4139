package org.eventcore.benchmarks;

import java.util.concurrent.TimeUnit;
import org.eventcore.examples.bank.Deposit;
import org.eventcore.examples.bank.OpenAccount;
import org.eventcore.runtime.ConcurrencyConflictException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ConflictRetryPolicy;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Every thread deposits into the same account. One attempt per call (no executor retry), so the aux counters
 * separate useful commands/s ({@code committed}) from conflicts/s ({@code conflicts}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ContentionBenchmark {
  @Param({"16"})
  public int poolSize;

  BenchDatabase db;
  CommandExecutor executor;
  StreamId account;

  @Setup(Level.Trial)
  public void setUp() {
    db = BenchDatabase.open("bench_contention", poolSize);
    executor = new CommandExecutor(db.store, ConflictRetryPolicy.noRetry());
    account = StreamId.of("hot-account-" + UuidV7.next());
    executor.execute(new OpenAccount(account, "everyone"));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    db.close();
  }

  /** Per-thread outcome counts, reported by JMH as rates. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Outcomes {
    public long committed;
    public long conflicts;

    @Setup(Level.Iteration)
    public void reset() {
      committed = 0;
      conflicts = 0;
    }
  }

  @Benchmark
  public void oneHotStream(Outcomes o) {
    try {
      executor.execute(new Deposit(account, 1));
      o.committed++;
    } catch (ConcurrencyConflictException e) {
      o.conflicts++;
    }
  }
}

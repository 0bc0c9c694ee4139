package org.eventcore.benchmarks;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eventcore.examples.bank.BankEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What reading an old row costs: decoding a version-1 row through its one-step conversion
 * ({@code DepositedV1.upcast()}) against decoding a current row of the same event, both through
 * {@code EventCodec.decode(typeName, json, sink)}, the read of the command executor's fold. The target is at most
 * 1.5 times the current row's time. {@code bankRowWithoutVersions} is the same read on a family without former
 * versions (BankEvent), so versioning costs current rows nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UpcastBenchmark {
  private static final String ACCOUNT = "account-0f3a9c2e-5a61-4b7e-9d1a-2c3b4d5e6f70";
  private static final String TRANSFER = "018f6c3a-7b2d-7c4e-8f90-1a2b3c4d5e6f";

  private final EventCodec<DepositEvent> codec = EventCodecs.of(DepositEvent.class);
  private final EventCodec<BankEvent> bank = EventCodecs.of(BankEvent.class);
  private String currentJson;
  private String oldJson;
  private Object last;
  private final Consumer<Object> keep = e -> last = e;

  @Setup(Level.Trial)
  public void setUp() {
    DepositEvent.Deposited expected = new DepositEvent.Deposited(StreamId.of(ACCOUNT), 123_456,
        Optional.of(UUID.fromString(TRANSFER)));
    currentJson = codec.encode(expected);
    oldJson = bank.encode(new BankEvent.MoneyDeposited(StreamId.of(ACCOUNT), 123_456,
        Optional.of(UUID.fromString(TRANSFER))));
    if (!oldRowOneStep().equals(expected) || !currentRow().equals(expected)) {
      throw new IllegalStateException("old and current rows must decode to " + expected);
    }
  }

  @Benchmark
  public Object currentRow() {
    codec.decode("Deposited.v2", currentJson, keep);
    return last;
  }

  @Benchmark
  public Object oldRowOneStep() {
    codec.decode("Deposited", oldJson, keep);
    return last;
  }

  @Benchmark
  public Object bankRowWithoutVersions() {
    bank.decode("MoneyDeposited", oldJson, keep);
    return last;
  }
}

package org.eventcore.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.examples.bank.BankEvent;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
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
 * Append only: each thread appends batches of {@code eventsPerAppend} bank events to its own stream, one
 * transaction per append, serialization included. {@code eventcore} checks the expected version of the stream
 * (and would reject a stale one); {@code floor} writes the same rows with no check; {@code axon} is Axon's
 * {@code JdbcEventStorageEngine} with precomputed sequence numbers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AppendBenchmark {
  @Param({"eventcore", "floor", "axon"})
  public String impl;

  @Param({"1", "10", "100"})
  public int eventsPerAppend;

  @Param({"16"})
  public int poolSize;

  BenchDatabase db;
  RawJdbcFloor floor;
  AxonBaseline axon;
  final EventCodec<BankEvent> codec = EventCodecs.of(BankEvent.class);
  final AtomicInteger threads = new AtomicInteger();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    db = BenchDatabase.open("bench_append", poolSize);
    switch (impl) {
      case "floor" -> floor = new RawJdbcFloor(db.pool, db.sibling("bench_floor"));
      case "axon" -> axon = new AxonBaseline(db.pool, db.own(db.config.schema() + "_axon"), new ObjectMapper());
      default -> { }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    db.close();
  }

  /** Each thread's own stream and its version. */
  @State(Scope.Thread)
  public static class Writer {
    StreamId stream;
    long version;

    @Setup(Level.Trial)
    public void setUp(AppendBenchmark bench) {
      stream = StreamId.of("bench-" + bench.impl + "-" + bench.threads.incrementAndGet() + "-" + UuidV7.next());
    }
  }

  @Benchmark
  public long append(Writer w) throws Exception {
    int n = eventsPerAppend;
    switch (impl) {
      case "eventcore" -> {
        List<NewEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          MoneyDeposited e = new MoneyDeposited(w.stream, 100 + i, Optional.empty());
          events.add(new NewEvent(UuidV7.next(), w.stream, codec.typeName(e), codec.encode(e), EventMetadata.EMPTY));
        }
        w.version = db.store.append(AppendRequest.single(w.stream, w.version, events)).streamVersions().get(w.stream);
      }
      case "floor" -> {
        List<RawJdbcFloor.Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          MoneyDeposited e = new MoneyDeposited(w.stream, 100 + i, Optional.empty());
          rows.add(new RawJdbcFloor.Row(UuidV7.next(), w.stream.value(), ++w.version, codec.typeName(e),
              codec.encode(e)));
        }
        floor.write(rows);
      }
      case "axon" -> {
        List<GenericDomainEventMessage<MoneyDeposited>> messages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          messages.add(new GenericDomainEventMessage<>("Account", w.stream.value(), w.version++,
              new MoneyDeposited(w.stream, 100 + i, Optional.empty())));
        }
        axon.append(messages);
      }
      default -> throw new IllegalStateException(impl);
    }
    return w.version;
  }
}

package org.eventcore.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eventcore.examples.bank.BankEvent.AccountOpened;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.examples.bank.BankEvent;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.projection.EventFilter;
import org.eventcore.runtime.projection.Horizon;
import org.eventcore.runtime.projection.Leadership;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.runtime.projection.ProjectionSource;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.NewEvent;
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
 * Projection catch-up: {@code events} stored bank events (100 per account) read in commit-safe global order and
 * dispatched to a generated {@code @Projection} binding by {@link ProjectionRunner#runOnce()}, from the start each
 * time (the stored checkpoint is ignored; checkpoints are still written). The {@code events} aux counter is the
 * result: events/s. {@code postgres} needs {@code PostgresEventStore} to implement {@link ProjectionSource} (the
 * projections issue); {@code memory} ({@code InMemoryEventStore}) is the same runner and codec without a
 * database: the ceiling of the dispatch path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProjectionBenchmark {
  static final int PER_STREAM = 100;
  static final int EVENTS_PER_APPEND = 10_000;

  @Param({"postgres", "memory"})
  public String source;

  @Param({"1000000"})
  public int events;

  @Param({"16"})
  public int poolSize;

  BenchDatabase db;
  ProjectionSource projections;

  /** Whether {@code PostgresEventStore} implements the projection SPI in this build. */
  static boolean postgresIsASource() {
    return ProjectionSource.class.isAssignableFrom(org.eventcore.postgres.PostgresEventStore.class);
  }

  @Setup(Level.Trial)
  public void setUp() {
    EventStore store;
    if (source.equals("postgres")) {
      db = BenchDatabase.open("bench_projection", poolSize);
      Object s = db.store;
      if (!(s instanceof ProjectionSource p)) {
        throw new IllegalStateException("PostgresEventStore does not implement ProjectionSource in this build;"
            + " run with source=memory");
      }
      store = db.store;
      projections = p;
    } else {
      InMemoryEventStore memory = new InMemoryEventStore();
      store = memory;
      projections = memory;
    }
    load(store, events);
  }

  /** Bulk load through the store's own append: 100 streams of 100 events per append. */
  static void load(EventStore store, int events) {
    EventCodec<BankEvent> codec = EventCodecs.of(BankEvent.class);
    int written = 0;
    while (written < events) {
      int batch = Math.min(EVENTS_PER_APPEND, events - written);
      Map<StreamId, Long> expected = new LinkedHashMap<>();
      List<NewEvent> rows = new ArrayList<>(batch);
      StreamId stream = null;
      for (int i = 0; i < batch; i++) {
        BankEvent e;
        if (i % PER_STREAM == 0) {
          stream = StreamId.of("account-" + UuidV7.next());
          expected.put(stream, 0L);
          e = new AccountOpened(stream, "owner", Instant.parse("2026-01-01T00:00:00Z"));
        } else {
          e = new MoneyDeposited(stream, i, Optional.empty());
        }
        rows.add(new NewEvent(UuidV7.next(), stream, codec.typeName(e), codec.encode(e), EventMetadata.EMPTY));
      }
      store.append(new AppendRequest(expected, rows));
      written += batch;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (db != null) {
      db.close();
    }
  }

  /** Events dispatched, reported by JMH as events/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Dispatched {
    public long events;

    @Setup(Level.Iteration)
    public void reset() {
      events = 0;
    }
  }

  @Benchmark
  public long catchUp(Dispatched d) {
    BalanceProjection projection = new BalanceProjection();
    try (ProjectionRunner<BalanceProjection> runner = new ProjectionRunner<>(new FromStart(projections), projection)) {
      long n = runner.runOnce().events();
      if (projection.events != events) {
        throw new IllegalStateException("caught up " + projection.events + " events of " + events);
      }
      d.events += n;
      return projection.balance;
    }
  }

  /** The source with every catch-up starting from the beginning: stored checkpoints are not read back. */
  record FromStart(ProjectionSource delegate) implements ProjectionSource {
    @Override
    public List<StoredEvent> readAll(Position after, EventFilter filter, int limit) {
      return delegate.readAll(after, filter, limit);
    }

    @Override
    public Horizon horizon() {
      return delegate.horizon();
    }

    @Override
    public Optional<Position> checkpoint(String projection) {
      return Optional.empty();
    }

    @Override
    public Optional<Leadership> tryLead(String projection) {
      return delegate.tryLead(projection);
    }

    @Override
    public AutoCloseable onAppend(Runnable listener) {
      return delegate.onAppend(listener);
    }
  }
}

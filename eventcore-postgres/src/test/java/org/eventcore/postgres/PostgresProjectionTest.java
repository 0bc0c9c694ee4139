package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventcore.postgres.PgTestSupport.event;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.projection.EventFilter;
import org.eventcore.runtime.projection.Horizon;
import org.eventcore.runtime.projection.ProjectionOptions;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.NewEvent;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The commit-safe global order on a real server: writers that commit out of order or roll back, many concurrent
 * writers with random commit delays under a continuous runner, catch-up over many pages, resuming from the
 * checkpoint, the horizon's report of what holds it back, and at most one notification per append.
 */
class PostgresProjectionTest {

  private static PostgresConfig config(String prefix) {
    return PostgresTestDatabase.newSchema(prefix).build();
  }

  private static PostgresEventStore open(PostgresConfig config) {
    PostgresEventStore store = new PostgresEventStore(config);
    store.initialize();
    return store;
  }

  private static StreamId stream(String label) {
    return StreamId.of(label + "-" + UUID.randomUUID());
  }

  private static UUID appendOne(PostgresEventStore store, StreamId s, long expected) {
    NewEvent e = event(s, "Counted", "{}");
    store.append(AppendRequest.single(s, expected, List.of(e)));
    return e.eventId();
  }

  private static List<UUID> ids(List<StoredEvent> events) {
    return events.stream().map(StoredEvent::eventId).toList();
  }

  private static ProjectionOptions fast() {
    return ProjectionOptions.defaults().withPollInterval(Duration.ofMillis(200))
        .withStandbyInterval(Duration.ofMillis(100)).withBatchSize(100);
  }

  /**
   * T1 begins and inserts; T2 inserts and commits; reader and runner pass; T1 commits. Neither may see T2's event
   * while T1 runs (it would put T1's event behind their position); afterwards both come, T1's first, each once.
   */
  @Test
  void aTransactionThatCommitsLateIsNeitherSkippedNorRepeated() throws Exception {
    PostgresConfig config = config("late");
    try (PostgresEventStore store = open(config); Connection t1 = PostgresTestDatabase.connect()) {
      UUID before = appendOne(store, stream("early"), 0);
      Recorder recorder = new Recorder();
      ProjectionRunner<Recorder> runner = new ProjectionRunner<>(store, recorder, fast());
      assertThat(runner.runOnce().events()).isEqualTo(1);

      t1.setAutoCommit(false);
      UUID slow = RawAppend.append(t1, config.schema(), stream("slow"), 0, 1).get(0);
      UUID fast = appendOne(store, stream("fast"), 0);

      assertThat(store.readAll(Position.START, EventFilter.all(), 100)).extracting(StoredEvent::eventId)
          .containsExactly(before);
      assertThat(runner.runOnce().events()).isZero();
      Horizon horizon = store.horizon();
      assertThat(horizon.pendingEvents()).isEqualTo(1);
      int t1Pid = RawAppend.pid(t1);
      assertThat(horizon.blocker()).hasValueSatisfying(b -> {
        assertThat(b.pid()).isEqualTo(t1Pid);
        assertThat(b.age()).isPositive();
        assertThat(b.state()).contains("eventcore_append");
      });

      t1.commit();
      assertThat(ids(store.readAll(Position.START, EventFilter.all(), 100))).containsExactly(before, slow, fast);
      assertThat(runner.runOnce().events()).isEqualTo(2);
      assertThat(recorder.seen.keySet()).containsExactlyInAnyOrder(before, slow, fast);
      assertThat(recorder.seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThat(recorder.positionsAscend()).isTrue();
      assertThat(store.horizon().pendingEvents()).isZero();
    }
  }

  /** The same with T1 rolling back: its event never appears, T2's appears once, nothing waits on a timer. */
  @Test
  void aRolledBackTransactionLeavesNothingToSkipOrWaitFor() throws Exception {
    PostgresConfig config = config("rollback");
    try (PostgresEventStore store = open(config); Connection t1 = PostgresTestDatabase.connect()) {
      UUID before = appendOne(store, stream("early"), 0);
      Recorder recorder = new Recorder();
      ProjectionRunner<Recorder> runner = new ProjectionRunner<>(store, recorder, fast());
      runner.runOnce();

      t1.setAutoCommit(false);
      RawAppend.append(t1, config.schema(), stream("doomed"), 0, 3);
      UUID fast = appendOne(store, stream("fast"), 0);
      assertThat(runner.runOnce().events()).isZero();

      t1.rollback();
      assertThat(ids(store.readAll(Position.START, EventFilter.all(), 100))).containsExactly(before, fast);
      assertThat(runner.runOnce().events()).isEqualTo(1);
      assertThat(recorder.seen.keySet()).containsExactlyInAnyOrder(before, fast);
      assertThat(recorder.seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }
  }

  /**
   * 8 writers, each on its own connection, append 1..3 events per transaction and commit after a random delay (or
   * roll back one time in seven) while a continuous runner follows: it ends with exactly the committed events,
   * each once, in ascending positions.
   */
  @Test
  void concurrentWritersWithRandomCommitDelaysAreProjectedExactlyOnce() throws Exception {
    PostgresConfig config = config("writers");
    try (PostgresEventStore store = open(config)) {
      Recorder recorder = new Recorder();
      Set<UUID> committed = ConcurrentHashMap.newKeySet();
      AtomicInteger rolledBack = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try (ProjectionRunner<Recorder> runner = new ProjectionRunner<>(store, recorder,
          fast().withBatchSize(7)).start()) {
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
          writers.add(pool.submit(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            StreamId s = stream("writer");
            long version = 0;
            try (Connection c = PostgresTestDatabase.connect()) {
              c.setAutoCommit(false);
              for (int tx = 0; tx < 30; tx++) {
                int n = 1 + random.nextInt(3);
                List<UUID> ids = RawAppend.append(c, config.schema(), s, version, n);
                Thread.sleep(random.nextInt(15));
                if (random.nextInt(7) == 0) {
                  c.rollback();
                  rolledBack.incrementAndGet();
                } else {
                  c.commit();
                  committed.addAll(ids);
                  version += n;
                }
              }
            }
            return null;
          }));
        }
        for (Future<?> w : writers) {
          w.get(120, TimeUnit.SECONDS);
        }
        assertThat(runner.awaitCaughtUp(Duration.ofSeconds(60))).as("caught up").isTrue();
      } finally {
        pool.shutdownNow();
      }
      assertThat(rolledBack.get()).as("some transactions rolled back").isPositive();
      assertThat(recorder.seen.keySet()).hasSameSizeAs(committed).containsExactlyInAnyOrderElementsOf(committed);
      assertThat(recorder.seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThat(recorder.positionsAscend()).isTrue();
    }
  }

  /** runOnce reads every page, not one; a later runner resumes from the saved checkpoint. */
  @Test
  void runOnceCatchesUpOverManyPagesAndALaterRunResumesFromTheCheckpoint() {
    try (PostgresEventStore store = open(config("pages"))) {
      StreamId s = stream("many");
      for (int a = 0; a < 25; a++) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          events.add(event(s, "Counted", "{}"));
        }
        store.append(AppendRequest.single(s, a * 50L, events));
      }
      StreamId other = stream("other");
      store.append(AppendRequest.single(other, 0, List.of(event(other, "Ignored", "{}"))));
      Recorder first = new Recorder();
      ProjectionRunner.CatchUp done = new ProjectionRunner<>(store, first, fast().withBatchSize(100)).runOnce();
      assertThat(done.events()).isEqualTo(1250);
      assertThat(first.seen).hasSize(1250);
      assertThat(store.checkpoint("pg-recorder")).isEqualTo(done.checkpoint());

      UUID later = appendOne(store, stream("later"), 0);
      Recorder second = new Recorder();
      assertThat(new ProjectionRunner<>(store, second, fast()).runOnce().events()).isEqualTo(1);
      assertThat(second.seen.keySet()).containsExactly(later);
    }
  }

  /** A continuous runner stopped and started again goes on from its checkpoint: nothing missed, nothing again. */
  @Test
  void aStoppedContinuousRunnerResumesFromItsCheckpoint() throws Exception {
    try (PostgresEventStore store = open(config("resume"))) {
      Recorder recorder = new Recorder();
      List<UUID> expected = new ArrayList<>();
      try (ProjectionRunner<Recorder> runner = new ProjectionRunner<>(store, recorder, fast()).start()) {
        for (int i = 0; i < 5; i++) {
          expected.add(appendOne(store, stream("first"), 0));
        }
        assertThat(runner.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      }
      for (int i = 0; i < 5; i++) {
        expected.add(appendOne(store, stream("while-stopped"), 0));
      }
      try (ProjectionRunner<Recorder> runner = new ProjectionRunner<>(store, recorder, fast()).start()) {
        expected.add(appendOne(store, stream("after"), 0));
        assertThat(runner.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        assertThat(runner.status().eventsProcessed()).isEqualTo(6);
      }
      assertThat(recorder.seen.keySet()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(recorder.seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }
  }

  /**
   * No trigger: a 30-event append and the one after it send at most one notification each (fewer when coalesced
   * into one interval), never one per event; the store's notifier sends them after commit.
   */
  @Test
  void appendsSendAtMostOneNotificationEachAfterCommit() throws Exception {
    PostgresConfig config = config("notify");
    try (PostgresEventStore store = open(config); Connection listener = PostgresTestDatabase.connect()) {
      try (var st = listener.createStatement()) {
        st.execute("LISTEN \"eventcore_" + config.schema() + "\"");
      }
      StreamId big = stream("big");
      List<NewEvent> events = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        events.add(event(big, i));
      }
      store.append(AppendRequest.single(big, 0, events));
      appendOne(store, stream("small"), 0);
      List<PGNotification> received = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      PGConnection pg = listener.unwrap(PGConnection.class);
      while (received.isEmpty() && System.nanoTime() < deadline) {
        PGNotification[] batch = pg.getNotifications(500);
        if (batch != null) {
          received.addAll(List.of(batch));
        }
      }
      PGNotification[] late;
      while ((late = pg.getNotifications(300)) != null && late.length > 0) {
        received.addAll(List.of(late));
      }
      assertThat(received).hasSizeBetween(1, 2);
    }
  }

  /** The horizon gauges report a blocked horizon (sampled, at most once per 10 s). */
  @Test
  void horizonGaugesReportPendingEventsAndTheBlockersAge() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PostgresConfig config = PostgresTestDatabase.newSchema("gauges").meterRegistry(registry).build();
    try (PostgresEventStore store = open(config); Connection t1 = PostgresTestDatabase.connect()) {
      t1.setAutoCommit(false);
      RawAppend.append(t1, config.schema(), stream("slow"), 0, 1);
      appendOne(store, stream("fast"), 0);
      appendOne(store, stream("fast"), 0);
      Map<String, Double> values = new java.util.TreeMap<>();
      registry.getMeters().forEach(m -> m.measure().forEach(v -> values.put(m.getId().getName(), v.getValue())));
      assertThat(values).containsEntry("eventcore.store.horizon.pending.events", 2.0);
      assertThat(values.get("eventcore.store.horizon.blocker.age.seconds")).isPositive();
      t1.rollback();
    }
  }
}

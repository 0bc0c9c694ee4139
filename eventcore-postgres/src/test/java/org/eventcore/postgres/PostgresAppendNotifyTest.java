package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventcore.postgres.PgTestSupport.event;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.projection.ProjectionOptions;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.NewEvent;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wake-ups without a NOTIFY in the append transaction: a store's own runners are woken directly, other stores on
 * the schema (other processes) by a coalesced NOTIFY sent after commit. The runners here poll once per 10 minutes,
 * so only a wake-up can make them see an event within the bounded waits.
 */
class PostgresAppendNotifyTest {
  private static final Duration NEVER_POLL = Duration.ofMinutes(10);

  private static PostgresEventStore open(PostgresConfig config) {
    PostgresEventStore store = new PostgresEventStore(config);
    store.initialize();
    return store;
  }

  private static UUID appendOne(PostgresEventStore store) {
    StreamId s = StreamId.of("n-" + UUID.randomUUID());
    NewEvent e = event(s, "Counted", "{}");
    store.append(AppendRequest.single(s, 0, List.of(e)));
    return e.eventId();
  }

  private static Connection listen(PostgresConfig config) throws Exception {
    Connection c = PostgresTestDatabase.connect();
    try (var st = c.createStatement()) {
      st.execute("LISTEN \"" + Schema.channelFor(config.schema()) + "\"");
    }
    return c;
  }

  /** Every notification that arrives until none has come for {@code quietMillis}. */
  private static List<PGNotification> drain(Connection listener, int quietMillis) throws Exception {
    List<PGNotification> received = new ArrayList<>();
    PGConnection pg = listener.unwrap(PGConnection.class);
    while (true) {
      PGNotification[] batch = pg.getNotifications(quietMillis);
      if (batch == null || batch.length == 0) {
        return received;
      }
      received.addAll(List.of(batch));
    }
  }

  private static boolean await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  private static ProjectionOptions pollingRarely() {
    return ProjectionOptions.defaults().withPollInterval(NEVER_POLL).withStandbyInterval(Duration.ofMillis(100));
  }

  @Test
  void anAppendInOneStoreWakesAContinuousRunnerOnAnotherStoreOfTheSameSchema() throws Exception {
    PostgresConfig config = PostgresTestDatabase.newSchema("cross").build();
    try (PostgresEventStore writer = open(config); PostgresEventStore reader = new PostgresEventStore(config)) {
      Recorder recorder = new Recorder();
      try (ProjectionRunner<Recorder> runner = new ProjectionRunner<>(reader, recorder, pollingRarely()).start()) {
        assertThat(runner.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
        for (int i = 0; i < 3; i++) { // each after a quiet interval: notified at once
          UUID id = appendOne(writer);
          assertThat(await(() -> recorder.seen.containsKey(id)))
              .as("the other store's runner is woken by the writer's NOTIFY, not its 10-minute poll").isTrue();
        }
      }
    }
  }

  @Test
  void aStoresOwnAppendsWakeItsRunnersWithoutAnyNotify() throws Exception {
    PostgresConfig config = PostgresTestDatabase.newSchema("own").notifyInterval(Duration.ZERO).build();
    try (PostgresEventStore store = open(config); Connection listener = listen(config)) {
      Recorder recorder = new Recorder();
      try (ProjectionRunner<Recorder> runner = new ProjectionRunner<>(store, recorder, pollingRarely()).start()) {
        assertThat(runner.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
        UUID first = appendOne(store);
        UUID second = appendOne(store);
        assertThat(await(() -> recorder.seen.containsKey(first) && recorder.seen.containsKey(second)))
            .as("woken directly by the store, not by its 10-minute poll").isTrue();
      }
      // a NOTIFY in the append transaction (the old trigger) would be queued here by now
      assertThat(drain(listener, 300)).as("notifications on the schema's channel").isEmpty();
    }
  }

  @Test
  void aBurstOfAppendsSendsFarFewerNotificationsThanAppendsAndStopsOnClose() throws Exception {
    Duration interval = Duration.ofMillis(50);
    PostgresConfig config = PostgresTestDatabase.newSchema("burst").notifyInterval(interval).build();
    int threads = 4;
    int perThread = 50;
    String notifier = "eventcore-notify-" + Schema.channelFor(config.schema());
    try (Connection listener = listen(config)) {
      long started;
      long elapsed;
      try (PostgresEventStore store = open(config)) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
          started = System.nanoTime();
          List<Future<?>> done = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
              for (int i = 0; i < perThread; i++) {
                appendOne(store);
              }
              return null;
            }));
          }
          for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
          }
        } finally {
          pool.shutdownNow();
        }
        assertThat(threadNamed(notifier)).isTrue();
        // close flushes the notification still due and stops the thread
      }
      elapsed = System.nanoTime() - started;
      assertThat(threadNamed(notifier)).as("notifier thread after close").isFalse();
      List<PGNotification> received = drain(listener, 500);
      int appends = threads * perThread;
      assertThat(received).as("notifications for %d appends", appends).isNotEmpty()
          .hasSizeLessThanOrEqualTo(appends / 4)
          // at most one per interval, plus the first (sent at once) and the one flushed on close
          .hasSizeLessThanOrEqualTo((int) (elapsed / interval.toNanos()) + 2);
    }
  }

  private static boolean threadNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }
}

package org.eventcore.postgres;

import static org.eventcore.postgres.PgTestSupport.append;
import static org.eventcore.postgres.PgTestSupport.event;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.eventcore.postgres.testing.FaultProxy;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.projection.Leadership;
import org.junit.jupiter.api.Test;

/**
 * The long-lived sessions find out when their peer stops answering (no FIN, no RST): the LISTEN connection
 * reconnects and wakes listeners again, a leadership whose lock connection went silent is no longer held. The
 * waits are bounds (Gate.await fails after 20 s), not timing assertions.
 */
class PostgresDeadPeerTest {

  @Test
  void listenConnectionDetectsADeadPeerAndListensAgain() throws Exception {
    PostgresConfig base = PostgresTestDatabase.newSchema("deadlisten").build();
    try (FaultProxy proxy = FaultProxy.inFrontOf(base.url());
        PostgresEventStore store = new PostgresEventStore(base.toBuilder().url(proxy.route(base.url())).build());
        PostgresEventStore direct = new PostgresEventStore(base)) {
      store.initialize();
      AtomicInteger wakeUps = new AtomicInteger();
      AutoCloseable subscription = store.onAppend(wakeUps::incrementAndGet);
      try {
        StreamId s = StreamId.of("dead-listen-" + UUID.randomUUID());
        direct.append(append(Map.of(s, 0L), event(s, 1)));
        Gate.await("the first wake-up", () -> wakeUps.get() >= 1);

        proxy.stallOpenConnections(); // the LISTEN session (and the pool's) now never answer
        int before = wakeUps.get();
        long[] version = {1};
        Gate.await("a wake-up after the listener noticed the dead peer and reconnected", () -> {
          direct.append(append(Map.of(s, version[0]), event(s, (int) version[0] + 1)));
          version[0]++;
          sleepQuietly();
          return wakeUps.get() > before;
        });
      } finally {
        subscription.close();
      }
    }
  }

  @Test
  void leadershipIsNoLongerHeldWhenItsLockConnectionGoesSilent() throws Exception {
    PostgresConfig base = PostgresTestDatabase.newSchema("deadlead").build();
    try (FaultProxy proxy = FaultProxy.inFrontOf(base.url());
        PostgresEventStore store = new PostgresEventStore(base.toBuilder().url(proxy.route(base.url())).build())) {
      store.initialize();
      Optional<Leadership> lead = store.tryLead("dead-peer-" + UUID.randomUUID());
      Assertions.assertThat(lead).isPresent();
      try (Leadership leadership = lead.get()) {
        Assertions.assertThat(leadership.isHeld()).isTrue();
        proxy.stallOpenConnections();
        Gate.await("the leadership to notice its silent lock connection", () -> {
          sleepQuietly();
          return !leadership.isHeld();
        });
      }
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(200); // pacing of the polling loop, not a wait for a result
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

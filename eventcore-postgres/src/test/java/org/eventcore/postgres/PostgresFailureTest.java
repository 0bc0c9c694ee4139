package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventcore.postgres.PgTestSupport.append;
import static org.eventcore.postgres.PgTestSupport.event;
import static org.eventcore.postgres.PgTestSupport.queryLong;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.FaultProxy;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.VersionConflictException;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.EventStream;
import org.junit.jupiter.api.Test;

/** Failures of the database and the network: what is retried, what is reported, what is written. */
class PostgresFailureTest {

  private static String schemaOf(PostgresEventStore store) {
    return store.toString().replaceAll(".*schema=([^,]+),.*", "$1");
  }

  private static double retries(SimpleMeterRegistry registry, String cause) {
    var counter = registry.find("eventcore.store.retries").tag("cause", cause).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void connectionKilledMidAppendIsRetriedAndWritesTheEventsExactlyOnce() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PostgresEventStore store = PgTestSupport.newStore("kill", b -> b.meterRegistry(registry))) {
      StreamId s = StreamId.of("killed-" + UUID.randomUUID());
      store.append(append(Map.of(s, 0L), event(s, 1)));
      AppendRequest request = append(Map.of(s, 1L), event(s, 2), event(s, 3));
      try (Gate gate = new Gate(schemaOf(store))) {
        CompletableFuture<AppendResult> result = CompletableFuture.supplyAsync(() -> store.append(request));
        Gate.await("the append to wait at the gate", () -> Gate.pidsAtGate().size() == 1);
        String victim = Gate.pidsAtGate().get(0);
        assertThat(PgTestSupport.queryLines("SELECT pg_terminate_backend(" + victim + ")::text"))
            .containsExactly("true");
        Gate.await("the retry to reach the gate on another connection",
            () -> Gate.pidsAtGate().size() == 1 && !Gate.pidsAtGate().get(0).equals(victim) || result.isDone());
        gate.open();
        assertThat(result.get(30, TimeUnit.SECONDS).streamVersions()).containsEntry(s, 3L);
      }
      assertThat(PgTestSupport.readAll(store, s)).extracting(e -> e.version()).containsExactly(1L, 2L, 3L);
      assertThat(queryLong("SELECT count(*) FROM \"" + schemaOf(store) + "\".events WHERE stream_id = ?", s.value()))
          .isEqualTo(3);
      assertThat(retries(registry, "57P01") + retries(registry, "08006")).isEqualTo(1);
    }
  }

  @Test
  void retryAfterALostCommitAcknowledgementDoesNotWriteTwice() throws Exception {
    PostgresConfig base = PostgresTestDatabase.newSchema("lostack").build();
    Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(base.url());
    assertThat(m.matches()).as("test server URL %s has host and port", base.url()).isTrue();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (FaultProxy proxy = new FaultProxy(m.group(1), Integer.parseInt(m.group(2)));
        PostgresEventStore store = new PostgresEventStore(base.toBuilder()
            .url("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + m.group(3))
            .meterRegistry(registry).build())) {
      store.initialize();
      StreamId s = StreamId.of("lost-ack-" + UUID.randomUUID());
      StreamId readOnly = StreamId.of("lost-ack-participant-" + UUID.randomUUID());
      store.append(append(Map.of(s, 0L), event(s, 1)));

      proxy.dropAnswerTo("eventcore_append");
      AppendResult result = store.append(append(Map.of(s, 1L, readOnly, 0L), event(s, 2), event(s, 3)));

      assertThat(proxy.dropped()).as("the first answer was really lost").isEqualTo(1);
      assertThat(retries(registry, "08006")).isEqualTo(1);
      assertThat(result.streamVersions()).containsEntry(s, 3L).containsEntry(readOnly, 0L);
      assertThat(queryLong("SELECT count(*) FROM \"" + base.schema() + "\".events WHERE stream_id = ?", s.value()))
          .isEqualTo(3);
      assertThat(PgTestSupport.readAll(store, s)).extracting(e -> e.version()).containsExactly(1L, 2L, 3L);
      assertThat(registry.get("eventcore.store.events.appended").counter().count()).isEqualTo(1); // not 3
    }
  }

  @Test
  void exhaustedPoolFailsWithAClearTimeoutError() {
    try (PostgresEventStore store = PgTestSupport.newStore("pool",
        b -> b.maxConnections(1).acquireTimeout(Duration.ofMillis(300)))) {
      StreamId s = StreamId.of("pool-" + UUID.randomUUID());
      store.append(append(Map.of(s, 0L), event(s, 1)));
      try (EventStream open = store.readStream(s)) { // holds the only connection until read or closed
        long started = System.nanoTime();
        assertThatThrownBy(() -> store.append(append(Map.of(s, 1L), event(s, 2))))
            .isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.operation()).isEqualTo(StoreOperation.APPEND))
            .hasMessageContaining("no database connection became available in time")
            .hasMessageContaining("pool of 1 connections, acquire timeout 300 ms")
            .hasMessageContaining("raise maxConnections or acquireTimeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not retried").isLessThan(Duration.ofSeconds(3));
        assertThat(open.toList()).hasSize(1);
      }
      assertThat(store.append(append(Map.of(s, 1L), event(s, 2))).streamVersions()).containsEntry(s, 2L);
    }
  }

  @Test
  void metricsCountAppendsEventsConflictsAndPoolUse() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PostgresEventStore store = PgTestSupport.newStore("metrics", b -> b.meterRegistry(registry))) {
      StreamId s = StreamId.of("metered-" + UUID.randomUUID());
      store.append(append(Map.of(s, 0L), event(s, 1), event(s, 2)));
      store.append(append(Map.of(s, 2L), event(s, 3)));
      assertThatThrownBy(() -> store.append(append(Map.of(s, 0L), event(s, 9))))
          .isInstanceOf(VersionConflictException.class);
      store.readStreams(List.of(s), e -> {});

      assertThat(registry.get("eventcore.store.append").tag("outcome", "success").timer().count()).isEqualTo(2);
      assertThat(registry.get("eventcore.store.append").tag("outcome", "conflict").timer().count()).isEqualTo(1);
      assertThat(registry.get("eventcore.store.events.appended").counter().count()).isEqualTo(3);
      assertThat(registry.get("eventcore.store.conflicts").counter().count()).isEqualTo(1);
      assertThat(registry.get("eventcore.store.read").timer().count()).isGreaterThanOrEqualTo(1);
      assertThat(registry.find("hikaricp.connections").gauge()).isNotNull();
      assertThat(registry.find("hikaricp.connections.acquire").timer()).isNotNull();
    }
  }

  /** Every meter the store built (the retry counters and horizon gauges included) and the pool's go on close. */
  @Test
  void closingAStoreRemovesItsMetersAndOnlyItsMeters() throws Exception {
    PostgresConfig base = PostgresTestDatabase.newSchema("meters").build();
    Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(base.url());
    assertThat(m.matches()).as("test server URL %s has host and port", base.url()).isTrue();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (FaultProxy proxy = new FaultProxy(m.group(1), Integer.parseInt(m.group(2)))) {
      PostgresEventStore other = PgTestSupport.newStore("othermeters", b -> b.meterRegistry(registry));
      PostgresEventStore store = new PostgresEventStore(base.toBuilder()
          .url("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + m.group(3)).meterRegistry(registry).build());
      try {
        assertClosingRemovesOnlyItsMeters(base, registry, proxy, store, other);
      } finally {
        store.close(); // closing twice is harmless
        other.close();
      }
    }
  }

  private static void assertClosingRemovesOnlyItsMeters(PostgresConfig base, SimpleMeterRegistry registry,
      FaultProxy proxy, PostgresEventStore store, PostgresEventStore other) throws Exception {
    store.initialize();
    StreamId s = StreamId.of("metered-" + UUID.randomUUID());
    proxy.dropAnswerTo("eventcore_append");
    store.append(append(Map.of(s, 0L), event(s, 1)));
    store.readStreams(List.of(s), e -> {});
    registry.getMeters().forEach(meter -> meter.measure().forEach(v -> v.getValue())); // samples the horizon
    assertThat(registry.find("eventcore.store.retries").tag("schema", base.schema()).counters()).hasSize(1);
    assertThat(registry.find("eventcore.store.horizon.pending.events").tag("schema", base.schema()).gauge())
        .isNotNull();
    assertThat(registry.find("hikaricp.connections").gauges()).hasSize(2);
    Predicate<Meter> ofStore = meter -> base.schema().equals(meter.getId().getTag("schema"))
        || String.valueOf(meter.getId().getTag("pool")).startsWith("eventcore-" + base.schema() + "-");
    List<Meter> others = registry.getMeters().stream().filter(ofStore.negate()).toList();
    assertThat(others).isNotEmpty().hasSizeLessThan(registry.getMeters().size());

    store.close();

    assertThat(registry.getMeters()).containsExactlyInAnyOrderElementsOf(others).noneMatch(ofStore);
    assertThat(registry.find("eventcore.store.retries").meters()).isEmpty();
    assertThat(registry.find("hikaricp.connections").gauges()).hasSize(1);
    other.close();
    assertThat(registry.getMeters()).isEmpty();
  }
}

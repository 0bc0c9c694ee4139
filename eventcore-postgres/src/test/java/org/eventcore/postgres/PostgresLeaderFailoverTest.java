package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventcore.postgres.PgTestSupport.event;
import static org.eventcore.postgres.PgTestSupport.execute;
import static org.eventcore.postgres.PgTestSupport.queryLong;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.projection.ProjectionOptions;
import org.eventcore.runtime.projection.ProjectionRunner.State;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.NewEvent;
import org.junit.jupiter.api.Test;

/**
 * Two runners of a transactional projection, each on its own store (as two processes would be): the leader's lock
 * connection is killed while events keep arriving; the standby takes over, and the read-model table shows every
 * event applied exactly once.
 */
class PostgresLeaderFailoverTest {

  @Test
  void whenTheLeadersConnectionIsKilledTheStandbyTakesOverAndNoEventIsAppliedTwice() throws Exception {
    PostgresConfig config = PostgresTestDatabase.newSchema("failover").build();
    String q = "\"" + config.schema() + "\"";
    String table = q + ".applied";
    StreamId s = StreamId.of("failover-" + UUID.randomUUID());
    try (PostgresEventStore storeA = new PostgresEventStore(config);
        PostgresEventStore storeB = new PostgresEventStore(config)) {
      storeA.initialize();
      execute("CREATE TABLE " + table + " (event_id uuid PRIMARY KEY, applications int NOT NULL)");
      ProjectionOptions options = ProjectionOptions.defaults().withTransactional(true).withBatchSize(10)
          .withPollInterval(Duration.ofMillis(200));
      // the first leader backs off long after losing the lead, so the standby's turn comes first
      ProjectionRunner<Recorder> a = new ProjectionRunner<>(storeA, new Recorder(table),
          options.withStandbyInterval(Duration.ofSeconds(5)));
      ProjectionRunner<Recorder> b = new ProjectionRunner<>(storeB, new Recorder(table),
          options.withStandbyInterval(Duration.ofMillis(100)));
      try (a; b) {
        a.start();
        Gate.await("A to lead", () -> a.status().state() == State.LEADING);
        b.start();
        Gate.await("B to stand by", () -> b.status().state() == State.STANDBY);
        long tokenBefore = queryLong("SELECT fencing_token FROM " + q + ".projection_checkpoints"
            + " WHERE projection = 'pg-recorder'");

        CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> write(storeA, s, 0, 40));
        Gate.await("A to apply some events", () -> queryLong("SELECT count(*) FROM " + table) >= 30);
        long killed = queryLong("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE application_name = ?) k", "eventcore lead " + config.schema() + ".pg-recorder");
        assertThat(killed).as("lock connections terminated").isEqualTo(1);
        long version = writer.get(60, TimeUnit.SECONDS);

        Gate.await("B to take over", () -> b.status().state() == State.LEADING);
        write(storeB, s, version, 20);
        long total = queryLong("SELECT count(*) FROM " + q + ".events");
        Gate.await("every event to be applied", () -> queryLong("SELECT count(*) FROM " + table) == total);

        assertThat(total).isEqualTo((40 + 20) * 5);
        assertThat(queryLong("SELECT max(applications) FROM " + table)).as("applications per event").isEqualTo(1);
        assertThat(queryLong("SELECT fencing_token FROM " + q + ".projection_checkpoints"
            + " WHERE projection = 'pg-recorder'")).isGreaterThan(tokenBefore);
        Gate.await("A to stand by after losing its lead", () -> a.status().state() == State.STANDBY);
        assertThat(a.status().state()).isEqualTo(State.STANDBY);
      }
    }
  }

  /** {@code appends} appends of 5 events each; returns the stream's version after them. */
  private static long write(PostgresEventStore store, StreamId s, long from, int appends) {
    long version = from;
    for (int i = 0; i < appends; i++) {
      List<NewEvent> events = new ArrayList<>();
      for (int j = 0; j < 5; j++) {
        events.add(event(s, "Counted", "{}"));
      }
      store.append(AppendRequest.single(s, version, events));
      version += 5;
    }
    return version;
  }
}

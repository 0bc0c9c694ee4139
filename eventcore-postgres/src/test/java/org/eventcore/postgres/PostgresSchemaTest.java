package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventcore.postgres.PgTestSupport.append;
import static org.eventcore.postgres.PgTestSupport.event;
import static org.eventcore.postgres.PgTestSupport.queryLines;
import static org.eventcore.postgres.PgTestSupport.queryLong;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StreamId;
import org.junit.jupiter.api.Test;

/** Schema creation, migration and the append-only rule. */
class PostgresSchemaTest {
  /** How many migrations a schema has after {@code initialize()}. */
  private static final long LATEST = Migrations.of(new Schema("any")).size();

  private static long migrations(String schema) {
    return queryLong("SELECT count(*) FROM \"" + schema + "\".eventcore_schema_migrations");
  }

  @Test
  void initializeIsIdempotentAndRecordsEachMigrationOnce() {
    PostgresConfig config = PostgresTestDatabase.newSchema("init").build();
    try (PostgresEventStore store = new PostgresEventStore(config)) {
      store.initialize();
      store.initialize();
      assertThat(queryLines("SELECT version || ' ' || description FROM \"" + config.schema()
          + "\".eventcore_schema_migrations ORDER BY version"))
          .containsExactly("1 event_streams and events tables", "2 events are append-only",
              "3 eventcore_append function", "4 projection checkpoints and append notifications",
              "5 index for type-filtered global reads",
              "6 append notifications sent after commit, not by a trigger", "7 command idempotency keys",
              "8 eventcore_append locks written heads by their compare-and-set",
              Migrations.SNAPSHOTS_VERSION + " state_snapshots table");
      assertThat(queryLines("SELECT table_name::text FROM information_schema.tables WHERE table_schema = '"
          + config.schema() + "' ORDER BY 1"))
          .containsExactly("command_keys", "event_streams", "eventcore_schema_migrations", "events",
              "projection_checkpoints", "state_snapshots");
    }
  }

  /** A schema left at version 5 (with the NOTIFY trigger) by an older release loses the trigger on initialize. */
  @Test
  void initializeRemovesTheNotifyTriggerFromASchemaOfAnOlderVersion() throws Exception {
    PostgresConfig config = PostgresTestDatabase.newSchema("old").build();
    Schema schema = new Schema(config.schema());
    try (Connection c = PostgresTestDatabase.connect(); var st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema.q);
      st.execute("CREATE TABLE " + schema.q + "." + Schema.MIGRATIONS_TABLE + " (version INT PRIMARY KEY,"
          + " description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
      for (Migrations.Migration m : Migrations.of(schema)) {
        if (m.version() <= 5) {
          st.execute(m.sql());
          st.execute("INSERT INTO " + schema.q + "." + Schema.MIGRATIONS_TABLE + " VALUES (" + m.version() + ", '"
              + m.description() + "')");
        }
      }
    }
    String triggers = "SELECT count(*) FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n"
        + " ON n.oid = r.relnamespace WHERE n.nspname = '" + config.schema() + "' AND t.tgname = 'events_notify_append'";
    String functions = "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
        + " WHERE n.nspname = '" + config.schema() + "' AND p.proname = 'eventcore_notify_append'";
    assertThat(queryLong(triggers)).as("trigger at version 5").isEqualTo(1);
    try (PostgresEventStore store = new PostgresEventStore(config)) {
      store.initialize();
      assertThat(queryLong(triggers)).as("trigger after initialize").isZero();
      assertThat(queryLong(functions)).as("trigger function after initialize").isZero();
      assertThat(migrations(config.schema())).isEqualTo(LATEST);
      StreamId s = StreamId.of("after-migration");
      store.append(append(Map.of(s, 0L), event(s, 1)));
      assertThat(queryLong("SELECT count(*) FROM \"" + config.schema() + "\".events")).isEqualTo(1);
    }
  }

  @Test
  void sixteenConcurrentInitializersEndWithOneSchemaAndNoError() throws Exception {
    PostgresConfig config = PostgresTestDatabase.newSchema("init16").maxConnections(1).build();
    int n = 16;
    List<PostgresEventStore> stores = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      stores.add(new PostgresEventStore(config)); // one pool each, like 16 processes
    }
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> results = new ArrayList<>();
      for (PostgresEventStore store : stores) {
        results.add(pool.submit(() -> {
          start.await();
          store.initialize();
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : results) {
        f.get(60, TimeUnit.SECONDS); // rethrows any initializer's failure
      }
    } finally {
      pool.shutdownNow();
      stores.forEach(PostgresEventStore::close);
    }
    assertThat(migrations(config.schema())).isEqualTo(LATEST);
    assertThat(queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = ?", config.schema())).isEqualTo(1);
    try (PostgresEventStore store = new PostgresEventStore(config)) {
      StreamId s = StreamId.of("after-init");
      assertThat(store.append(append(Map.of(s, 0L), event(s, 1))).streamVersions()).containsEntry(s, 1L);
    }
  }

  @Test
  void initializerWaitingTooLongForTheLockGivesUpWithAClearError() throws SQLException {
    PostgresConfig config = PostgresTestDatabase.newSchema("initlock").initializeTimeout(Duration.ofMillis(300))
        .build();
    try (Connection holder = PostgresTestDatabase.connect();
        PostgresEventStore store = new PostgresEventStore(config)) {
      holder.setAutoCommit(false);
      try (var ps = holder.prepareStatement(
          "SELECT pg_advisory_xact_lock(hashtextextended('eventcore.schema:' || ?, 0))")) {
        ps.setString(1, config.schema());
        ps.execute();
      }
      long started = System.nanoTime();
      assertThatThrownBy(store::initialize)
          .isInstanceOfSatisfying(StoreException.class,
              e -> assertThat(e.operation()).isEqualTo(StoreOperation.INITIALIZE))
          .hasMessageContaining("gave up after 300 ms")
          .hasMessageContaining("schema '" + config.schema() + "'");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      holder.rollback();
      store.initialize(); // works once the lock is free
      assertThat(migrations(config.schema())).isEqualTo(LATEST);
    }
  }

  /** The lock wait is bounded by initializeTimeout, not cut short by the shorter statement and socket limits. */
  @Test
  void initializerMayWaitForTheLockLongerThanTheStatementAndSocketTimeouts() throws SQLException {
    PostgresConfig config = PostgresTestDatabase.newSchema("initlong").initializeTimeout(Duration.ofMillis(3500))
        .statementTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(2)).build();
    try (Connection holder = PostgresTestDatabase.connect();
        PostgresEventStore store = new PostgresEventStore(config)) {
      holder.setAutoCommit(false);
      try (var ps = holder.prepareStatement(
          "SELECT pg_advisory_xact_lock(hashtextextended('eventcore.schema:' || ?, 0))")) {
        ps.setString(1, config.schema());
        ps.execute();
      }
      assertThatThrownBy(store::initialize)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("gave up after 3500 ms waiting for the initialization lock");
      holder.rollback();
    }
  }

  @Test
  void failedMigrationLeavesTheSchemaAsItWas() {
    PostgresConfig config = PostgresTestDatabase.newSchema("initfail").build();
    String q = "\"" + config.schema() + "\"";
    PgTestSupport.execute("CREATE SCHEMA " + q + "; CREATE TABLE " + q + ".events (id int)");
    try (PostgresEventStore store = new PostgresEventStore(config)) {
      assertThatThrownBy(store::initialize)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("migration 1 (event_streams and events tables) of schema '" + config.schema() + "'")
          .hasMessageContaining("stays at version 0")
          .hasMessageContaining("42P07");
    }
    assertThat(queryLines("SELECT table_name::text FROM information_schema.tables WHERE table_schema = '"
        + config.schema() + "'")).containsExactly("events");
  }

  @Test
  void updateAndDeleteOnEventsAreRejected() {
    try (PostgresEventStore store = PgTestSupport.newStore("immutable")) {
      String schema = store.toString().replaceAll(".*schema=([^,]+),.*", "$1");
      StreamId s = StreamId.of("kept");
      store.append(append(Map.of(s, 0L), event(s, 1)));
      assertThatThrownBy(() -> PgTestSupport.execute("UPDATE \"" + schema + "\".events SET event_type = 'X'"))
          .hasMessageContaining("events are append-only: UPDATE on " + schema + ".events is rejected");
      assertThatThrownBy(() -> PgTestSupport.execute("DELETE FROM \"" + schema + "\".events"))
          .hasMessageContaining("events are append-only: DELETE on " + schema + ".events is rejected");
      assertThat(PgTestSupport.readAll(store, s)).singleElement()
          .satisfies(e -> assertThat(e.eventType()).isEqualTo("Counted"));
    }
  }
}

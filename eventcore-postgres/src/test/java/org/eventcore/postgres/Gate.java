package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.eventcore.postgres.testing.PostgresTestDatabase;

/**
 * Holds appends of one schema at the moment they insert their events (after the store locked and checked the
 * stream heads): a test trigger takes a shared advisory lock that the gate holds exclusively until opened. Lets
 * tests line up concurrent appends deterministically instead of sleeping and hoping.
 */
final class Gate implements AutoCloseable {
  private static final long KEY = 0x6576_6374_6761_7465L;
  private final String schema;
  private final Connection holder;

  Gate(String schema) throws SQLException {
    this.schema = schema;
    PgTestSupport.execute("CREATE OR REPLACE FUNCTION \"" + schema + "\".test_gate() RETURNS trigger LANGUAGE plpgsql"
        + " AS $$ BEGIN PERFORM pg_advisory_xact_lock_shared(" + KEY + "); RETURN NULL; END $$;"
        + " CREATE TRIGGER test_gate BEFORE INSERT ON \"" + schema + "\".events"
        + " FOR EACH STATEMENT EXECUTE FUNCTION \"" + schema + "\".test_gate()");
    holder = PostgresTestDatabase.connect();
    try (var st = holder.createStatement()) {
      st.execute("SELECT pg_advisory_lock(" + KEY + ")");
    }
  }

  /** Number of backends of this schema's appends now waiting for a lock (the gate or a stream head). */
  static long waitingAppends() {
    return PgTestSupport.queryLong("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        + " AND query LIKE '%eventcore_append%'");
  }

  /** Backend pids of appends waiting at the gate. */
  static java.util.List<String> pidsAtGate() {
    return PgTestSupport.queryLines("SELECT a.pid::text FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid"
        + " WHERE l.locktype = 'advisory' AND NOT l.granted AND a.query LIKE '%eventcore_append%'");
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after 20 s waiting for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  void open() throws SQLException {
    try (var st = holder.createStatement()) {
      st.execute("SELECT pg_advisory_unlock(" + KEY + ")");
    }
  }

  @Override
  public void close() throws SQLException {
    holder.close();
    PgTestSupport.execute("DROP TRIGGER IF EXISTS test_gate ON \"" + schema + "\".events");
  }
}

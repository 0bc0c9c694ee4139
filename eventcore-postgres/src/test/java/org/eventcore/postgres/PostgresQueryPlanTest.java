package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store's real statements use the indexes meant for them, on a table big enough (20,000 events over 2,000
 * streams, analyzed) that the planner would rather scan sequentially if no index fitted. Lives in the store's
 * package to EXPLAIN the exact statements; prints the plans that docs/POSTGRES.md quotes.
 */
class PostgresQueryPlanTest {
  private static PostgresEventStore store;
  private static Schema schema;

  @BeforeAll
  static void fill() throws SQLException {
    PostgresConfig config = PostgresTestDatabase.newSchema("plans").build();
    store = new PostgresEventStore(config);
    store.initialize();
    schema = new Schema(config.schema());
    try (Connection c = PostgresTestDatabase.connect(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO " + schema.q + ".event_streams (stream_id, version)"
          + " SELECT 'account-' || g, 10 FROM generate_series(1, 2000) g");
      st.execute("INSERT INTO " + schema.q + ".events (event_id, stream_id, version, event_type, event_data)"
          + " SELECT gen_random_uuid(), 'account-' || s, v, 'MoneyDeposited', jsonb_build_object('n', v)"
          + " FROM generate_series(1, 2000) s, generate_series(1, 10) v");
      st.execute("ANALYZE " + schema.q + ".event_streams");
      st.execute("ANALYZE " + schema.q + ".events");
    }
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static String explain(String sql, Object... args) throws SQLException {
    return explain(false, sql, args);
  }

  /** With {@code generic}, the plan a prepared statement uses after its fifth execution (no parameter values). */
  private static String explain(boolean generic, String sql, Object... args) throws SQLException {
    try (Connection c = PostgresTestDatabase.connect();
        PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
      if (generic) {
        try (Statement st = c.createStatement()) {
          st.execute("SET plan_cache_mode = force_generic_plan");
        }
      }
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof String[] array) {
          ps.setArray(i + 1, c.createArrayOf("text", array));
        } else if (args[i] instanceof Long[] array) {
          ps.setArray(i + 1, c.createArrayOf("bigint", array));
        } else {
          ps.setObject(i + 1, args[i]);
        }
      }
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
      String plan = String.join("\n", lines);
      System.out.println("EXPLAIN " + sql + "\n" + plan + "\n");
      return plan;
    }
  }

  @Test
  void readStreamUsesTheStreamVersionIndex() throws SQLException {
    String plan = explain(StreamReader.readStreamSql(schema), "account-17", 3L);
    assertThat(plan).contains("events_stream_version_key").doesNotContain("Seq Scan");
  }

  @Test
  void readStreamsUsesThePrimaryKeyAndTheStreamVersionIndex() throws SQLException {
    String plan = explain(StreamReader.readStreamsSql(schema),
        new String[] {"account-1", "account-2", "account-3"}, new Long[] {0L, 5L, 0L});
    assertThat(plan).contains("event_streams_pkey").contains("events_stream_version_key")
        .doesNotContain("Seq Scan on events").doesNotContain("Seq Scan on event_streams");
  }

  @Test
  void readStreamsGenericPlanUsesTheIndexesToo() throws SQLException {
    // the generic plan knows neither the streams nor how many: it must not hash-join whole tables
    String plan = explain(true, StreamReader.readStreamsSql(schema),
        new String[] {"account-1", "account-2"}, new Long[] {0L, 5L});
    assertThat(plan).contains("event_streams_pkey").contains("events_stream_version_key")
        .doesNotContain("Seq Scan on events").doesNotContain("Seq Scan on event_streams");
  }

  @Test
  void replayCheckUsesTheEventIdKey() throws SQLException {
    // the EXISTS with which eventcore_append (Migrations) recognises a retry of an append that committed
    String plan = explain("SELECT 1 FROM " + schema.q + ".events e WHERE e.event_id = ?", UUID.randomUUID());
    assertThat(plan).contains("events_pkey").doesNotContain("Seq Scan");
  }

  @Test
  void globalReadUsesTheTransactionPositionIndex() throws SQLException {
    String plan = explain(GlobalReader.readAllSql(schema, false, false, false), "0", 0L, 100);
    assertThat(plan).contains("events_tx_position_idx").doesNotContain("Seq Scan");
  }

  @Test
  void filteredGlobalReadScansTheTransactionPositionIndexAndFiltersBeforeTheLimit() throws SQLException {
    String plan = explain(GlobalReader.readAllSql(schema, true, true, true), "0", 0L,
        new String[] {"MoneyDeposited", "MoneyWithdrawn"}, "account-1%", "^account\\-1.*$", 100);
    assertThat(plan).contains("events_tx_position_idx").doesNotContain("Seq Scan");
    assertThat(plan.indexOf("Limit")).isLessThan(plan.indexOf("Filter"));
  }

  @Test
  void globalReadOfARareTypeUsesTheTypeIndex() throws SQLException {
    String plan = explain(GlobalReader.readAllSql(schema, true, false, false), "0", 0L, new String[] {"AccountClosed"}, 100);
    assertThat(plan).contains("events_type_tx_position_idx").doesNotContain("Seq Scan");
  }

  @Test
  void headLockUsesThePrimaryKey() throws SQLException {
    String plan = explain("SELECT h.version FROM " + schema.q + ".event_streams h WHERE h.stream_id = ? FOR SHARE",
        "account-5");
    assertThat(plan).contains("Index Scan using event_streams_pkey");
  }
}

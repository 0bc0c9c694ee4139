package org.eventcore.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The floor no store can beat: the same rows EventCore writes (the events and their stream heads) in one
 * statement and one implicit transaction per command, with no version check, no idempotency check and no
 * conflict handling. Writes into its own schema (created with EventCore's DDL, so the foreign key from events to
 * their head and UNIQUE (stream_id, version) are checked as for EventCore). The heads are inserted by a
 * data-modifying CTE of the same statement; the foreign-key check runs at the end of the statement and sees them.
 * Heads are locked in stream-id order, as EventCore does, so that concurrent transfers cannot deadlock. The caller
 * tracks the versions itself.
 */
final class RawJdbcFloor {
  /** One event row; {@code metadata} is the metadata column's JSON, as EventCore would write it. */
  record Row(UUID eventId, String streamId, long version, String type, String json, String metadata) {
    /** A row with empty metadata (what EventCore writes for {@code EventMetadata.EMPTY}). */
    Row(UUID eventId, String streamId, long version, String type, String json) {
      this(eventId, streamId, version, type, json, "{}");
    }

    /** The metadata EventCore's CommandExecutor writes: a correlation id. */
    static String correlated(UUID correlationId) {
      return "{\"correlation_id\":\"" + correlationId + "\"}";
    }
  }

  private final DataSource pool;
  private final String sql;

  RawJdbcFloor(DataSource pool, String schema) {
    this.pool = pool;
    String q = '"' + schema + '"';
    this.sql = """
        WITH heads AS (
          INSERT INTO %1$s.event_streams (stream_id, version)
          SELECT s, max(v) FROM unnest(?::text[], ?::bigint[]) AS t(s, v) GROUP BY s ORDER BY s
          ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, updated_at = now())
        INSERT INTO %1$s.events (event_id, stream_id, version, event_type, event_data, metadata)
        SELECT * FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::text[], ?::jsonb[], ?::jsonb[])""".formatted(q);
  }

  void write(List<Row> rows) throws SQLException {
    int n = rows.size();
    UUID[] ids = new UUID[n];
    String[] streams = new String[n];
    Long[] versions = new Long[n];
    String[] types = new String[n];
    String[] data = new String[n];
    String[] metadata = new String[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      ids[i] = r.eventId();
      streams[i] = r.streamId();
      versions[i] = r.version();
      types[i] = r.type();
      data[i] = r.json();
      metadata[i] = r.metadata();
    }
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      Array streamArray = c.createArrayOf("text", streams);
      Array versionArray = c.createArrayOf("bigint", versions);
      ps.setArray(1, streamArray);
      ps.setArray(2, versionArray);
      ps.setArray(3, c.createArrayOf("uuid", ids));
      ps.setArray(4, streamArray);
      ps.setArray(5, versionArray);
      ps.setArray(6, c.createArrayOf("text", types));
      ps.setArray(7, c.createArrayOf("text", data));
      ps.setArray(8, c.createArrayOf("text", metadata));
      ps.executeUpdate();
    }
  }
}

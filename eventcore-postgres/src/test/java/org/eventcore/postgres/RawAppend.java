package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;

/**
 * Calls the store's append function on a connection the test controls, so the test decides when (and whether)
 * the transaction commits: how a slow writer looks to readers.
 */
final class RawAppend {
  private RawAppend() {}

  /** Appends {@code count} "Counted" events to {@code stream} at {@code expected} inside c's open transaction. */
  static List<UUID> append(Connection c, String schema, StreamId stream, long expected, int count)
      throws SQLException {
    List<UUID> ids = new ArrayList<>();
    String[] streams = new String[count];
    Long[] versions = new Long[count];
    String[] types = new String[count];
    String[] data = new String[count];
    String[] metadata = new String[count];
    for (int i = 0; i < count; i++) {
      ids.add(UuidV7.next());
      streams[i] = stream.value();
      versions[i] = expected + i + 1;
      types[i] = "Counted";
      data[i] = "{\"n\":" + (expected + i + 1) + "}";
      metadata[i] = "{}";
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT new_versions FROM \"" + schema + "\".eventcore_append(?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setArray(1, c.createArrayOf("text", new String[] {stream.value()}));
      ps.setArray(2, c.createArrayOf("int8", new Long[] {expected}));
      ps.setArray(3, c.createArrayOf("int4", new Integer[] {count}));
      ps.setArray(4, c.createArrayOf("uuid", ids.toArray()));
      ps.setArray(5, c.createArrayOf("text", streams));
      ps.setArray(6, c.createArrayOf("int8", versions));
      ps.setArray(7, c.createArrayOf("text", types));
      ps.setArray(8, c.createArrayOf("text", data));
      ps.setArray(9, c.createArrayOf("text", metadata));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    }
    return ids;
  }

  /** The server pid of c's session. */
  static int pid(Connection c) throws SQLException {
    try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}

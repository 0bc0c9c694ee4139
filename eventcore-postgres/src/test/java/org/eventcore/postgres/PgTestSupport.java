package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresStoreExtension;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.NewEvent;

/** Helpers shared by the PostgreSQL store tests. */
final class PgTestSupport {
  private PgTestSupport() {}

  /** An initialized store on a fresh schema. */
  static PostgresEventStore newStore(String prefix) {
    return newStore(prefix, b -> b);
  }

  static PostgresEventStore newStore(String prefix, UnaryOperator<PostgresConfig.Builder> customize) {
    return PostgresStoreExtension.open(prefix, customize);
  }

  static NewEvent event(StreamId stream, String type, String payload) {
    return new NewEvent(UuidV7.next(), stream, type, payload, EventMetadata.EMPTY);
  }

  static NewEvent event(StreamId stream, int n) {
    return event(stream, "Counted", "{\"n\":" + n + "}");
  }

  static AppendRequest append(Map<StreamId, Long> expected, NewEvent... events) {
    return new AppendRequest(expected, List.of(events));
  }

  static List<StoredEvent> readAll(PostgresEventStore store, StreamId stream) {
    try (var s = store.readStream(stream)) {
      return s.toList();
    }
  }

  static long queryLong(String sql, Object... args) {
    try (Connection c = PostgresTestDatabase.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  static List<String> queryLines(String sql) {
    try (Connection c = PostgresTestDatabase.connect(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      List<String> lines = new ArrayList<>();
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
      return lines;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  static void execute(String sql) {
    try (Connection c = PostgresTestDatabase.connect(); var st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}

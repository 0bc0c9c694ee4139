package org.eventcore.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.internal.Validation;
import org.eventcore.runtime.store.CommandKey;
import org.eventcore.runtime.store.CommittedCommand;

/**
 * Idempotency keys as the table {@code command_keys} holds them (migration 7, written by
 * {@code eventcore_append_keyed}, see {@link Migrations}): the look-up of one key, the mapping of a stored row to
 * a {@link CommittedCommand}, and the read of a replay's events by id.
 */
final class CommandKeys {
  /** One key's row. Parameter: the key. Columns: as {@link #committed} maps them, from the first. */
  private final String lookupSql;
  /**
   * Events by id, in the order of the ids. Parameter: the ids ({@code uuid[]}). Rows: the event columns
   * {@link Rows#event} maps, then the stream id.
   */
  private final String eventsByIdSql;
  private final Connections connections;

  CommandKeys(Schema schema, Connections connections) {
    this.connections = connections;
    this.lookupSql = "SELECT command_type, command_streams, streams, stream_versions, event_ids, created_at FROM "
        + schema.q + ".command_keys WHERE idempotency_key = ?";
    this.eventsByIdSql = "SELECT " + Rows.EVENT_COLUMNS + ", e.stream_id FROM unnest(?::uuid[]) WITH ORDINALITY"
        + " AS r(id, ord)"
        + " JOIN " + schema.q + ".events e ON e.event_id = r.id ORDER BY r.ord";
  }

  /** See {@link PostgresEventStore#committedCommand}. */
  Optional<CommittedCommand> committedCommand(String idempotencyKey) {
    CommandKey.validateKey(idempotencyKey);
    return connections.retrier().run(StoreOperation.COMMAND_KEY, () -> {
      try (Connection c = connections.borrow(); PreparedStatement ps = c.prepareStatement(lookupSql)) {
        ps.setString(1, idempotencyKey);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(committed(idempotencyKey, rs, 1)) : Optional.<CommittedCommand>empty();
        }
      }
    });
  }

  /**
   * The stored command whose columns start at {@code first}: command type, command streams, streams, stream
   * versions, event ids, time.
   */
  static CommittedCommand committed(String key, ResultSet rs, int first) throws SQLException {
    List<StreamId> commandStreams = streams(rs.getArray(first + 1));
    List<StreamId> streams = streams(rs.getArray(first + 2));
    Long[] versions = (Long[]) rs.getArray(first + 3).getArray();
    UUID[] ids = (UUID[]) rs.getArray(first + 4).getArray();
    Map<StreamId, Long> streamVersions = new LinkedHashMap<>();
    for (int i = 0; i < streams.size(); i++) {
      streamVersions.put(streams.get(i), versions[i]);
    }
    OffsetDateTime at = rs.getObject(first + 5, OffsetDateTime.class);
    return new CommittedCommand(new CommandKey(key, rs.getString(first), commandStreams), streamVersions,
        Arrays.asList(ids), at.toInstant());
  }

  private static List<StreamId> streams(Array array) throws SQLException {
    String[] ids = (String[]) array.getArray();
    List<StreamId> streams = new ArrayList<>(ids.length);
    for (String id : ids) {
      streams.add(StreamId.of(id));
    }
    return streams;
  }

  /** See {@link PostgresEventStore#readEvents}. */
  List<StoredEvent> readEvents(List<UUID> eventIds) {
    Validation.eventIds(eventIds);
    if (eventIds.isEmpty()) {
      return List.of();
    }
    return connections.retrier().run(StoreOperation.READ_EVENTS, () -> {
      try (Connection c = connections.borrow(); PreparedStatement ps = c.prepareStatement(eventsByIdSql)) {
        ps.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
        List<StoredEvent> events = new ArrayList<>(eventIds.size());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            events.add(Rows.event(rs, 1, StreamId.of(rs.getString(9))));
          }
        }
        return events;
      }
    });
  }
}

package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.internal.Validation;
import org.eventcore.runtime.store.EventStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reads of the streams a command decides on: {@code readStreams} (one round trip when small, else through a
 * cursor) and {@code readStream}.
 */
final class StreamReader {
  private static final Logger log = LoggerFactory.getLogger(PostgresEventStore.class);

  private final String readStreamsSql;
  private final String readStreamSql;
  private final Connections connections;
  private final StoreMetrics metrics;
  private final int fetchSize;

  StreamReader(Schema schema, Connections connections, StoreMetrics metrics, int fetchSize) {
    this.connections = connections;
    this.metrics = metrics;
    this.fetchSize = fetchSize;
    this.readStreamsSql = readStreamsSql(schema);
    this.readStreamSql = readStreamSql(schema);
  }

  /**
   * The events of several streams after a version of each, and each stream's head version, from one snapshot.
   * Parameters: the stream ids ({@code text[]}) and the versions after which to read them ({@code bigint[]}, all 0
   * for {@code readStreams}). Rows, ordered by (ordinal, version): ordinal of the stream in the parameter (from 1), its
   * head version (null when the stream does not exist), then the event columns {@link Rows#event} maps (all null
   * for a stream without events).
   *
   * <p>Shaped so that every plan, the generic one a prepared statement switches to included, reaches the head
   * through its primary key (a SubPlan) and the events through (stream_id, version) (a LATERAL subquery that
   * ORDER BY keeps from being flattened): a plain join let the generic plan hash-join whole tables whenever the
   * statistics lagged behind a growing table (docs/BENCHMARKS.md, "The fix").
   */
  static String readStreamsSql(Schema schema) {
    return """
        SELECT r.ord, r.head, e.event_id, e.version, e.event_type, e.event_data, e.metadata,
               e.created_at, e.tx_id, e.position
        FROM (SELECT u.stream_id, u.ord,
                     (SELECT h.version FROM %1$s.event_streams h WHERE h.stream_id = u.stream_id) AS head,
                     u.after_version
              FROM unnest(?::text[], ?::bigint[]) WITH ORDINALITY AS u(stream_id, after_version, ord) OFFSET 0) r
        LEFT JOIN LATERAL (
          SELECT x.event_id, x.version, x.event_type, x.event_data::text AS event_data,
                 x.metadata::text AS metadata, x.created_at, x.tx_id::text AS tx_id, x.position
          FROM %1$s.events x
          WHERE x.stream_id = r.stream_id AND x.version > r.after_version
          ORDER BY x.version) e ON true
        ORDER BY r.ord, e.version""".formatted(schema.q);
  }

  /**
   * The events of one stream after a version, in version order. Parameters: stream id, the version after which to
   * read. Rows: the event columns {@link Rows#event} maps.
   */
  static String readStreamSql(Schema schema) {
    return """
        SELECT %s
        FROM %s.events e
        WHERE e.stream_id = ? AND e.version > ?
        ORDER BY e.version""".formatted(Rows.EVENT_COLUMNS, schema.q);
  }

  /** How many events have reached the consumer: after the first, a failed attempt is not retried. */
  private static final class Delivered {
    long count;
  }

  /** See {@link PostgresEventStore#readStreams}. */
  Map<StreamId, Long> readStreams(List<StreamId> streams, Consumer<StoredEvent> consumer) {
    Validation.streamsToRead(streams);
    return read(streams, new Long[streams.size()], consumer);
  }

  /** See {@link PostgresEventStore#readStreamsAfter}: the same statement, with the versions to read after. */
  Map<StreamId, Long> readStreamsAfter(Map<StreamId, Long> afterVersions, Consumer<StoredEvent> consumer) {
    List<StreamId> streams = Validation.streamsToReadAfter(afterVersions);
    Long[] after = new Long[streams.size()];
    for (int i = 0; i < after.length; i++) {
      after[i] = afterVersions.get(streams.get(i));
    }
    return read(streams, after, consumer);
  }

  /** {@code after[i]} null reads stream i from its start. */
  private Map<StreamId, Long> read(List<StreamId> streams, Long[] after, Consumer<StoredEvent> consumer) {
    if (consumer == null) {
      throw new InvalidInputException("consumer must not be null");
    }
    String[] ids = new String[streams.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = streams.get(i).value();
      if (after[i] == null) {
        after[i] = 0L;
      }
    }
    long started = System.nanoTime();
    Delivered delivered = new Delivered();
    Map<StreamId, Long> versions = connections.retrier().run(StoreOperation.READ_STREAM, () -> delivered.count == 0,
        () -> {
          try (Connection c = connections.borrow()) {
            Map<StreamId, Long> small = readSmall(c, streams, ids, after, consumer, delivered);
            return small != null ? small : readThroughCursor(c, streams, ids, after, consumer, delivered);
          }
        });
    long nanos = System.nanoTime() - started;
    metrics.read(nanos);
    if (log.isDebugEnabled()) {
      log.debug("read streams {}: {} event(s) in {} us", versions, delivered.count, nanos / 1000);
    }
    return versions;
  }

  /** One round trip with a row limit; null when the streams hold more events than one batch. */
  private Map<StreamId, Long> readSmall(Connection c, List<StreamId> streams, String[] ids,
      Long[] after, Consumer<StoredEvent> consumer, Delivered delivered) throws SQLException {
    // one row per event, or one row for a stream without events: this many rows means "maybe more"
    int limit = fetchSize + streams.size() + 1;
    Map<StreamId, Long> result = new LinkedHashMap<>();
    List<StoredEvent> events = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(readStreamsSql)) {
      ps.setMaxRows(limit);
      ps.setArray(1, c.createArrayOf("text", ids));
      ps.setArray(2, c.createArrayOf("bigint", after));
      int rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
          StreamId stream = streams.get(rs.getInt(1) - 1);
          result.put(stream, rs.getLong(2));
          if (rs.getObject(3) != null) {
            events.add(Rows.event(rs, 3, stream));
          }
        }
      }
      if (rows >= limit) {
        return null;
      }
    }
    Map<StreamId, Long> versions = new LinkedHashMap<>();
    for (StreamId s : streams) {
      versions.put(s, result.getOrDefault(s, 0L));
    }
    for (StoredEvent e : events) {
      delivered.count++;
      consumer.accept(e);
    }
    return versions;
  }

  /** The same statement through a cursor: rows are handed over as they arrive. */
  private Map<StreamId, Long> readThroughCursor(Connection c, List<StreamId> streams, String[] ids,
      Long[] after, Consumer<StoredEvent> consumer, Delivered delivered) throws SQLException {
    Map<StreamId, Long> result = new LinkedHashMap<>();
    for (StreamId s : streams) {
      result.put(s, 0L);
    }
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(readStreamsSql)) {
      ps.setFetchSize(fetchSize);
      ps.setArray(1, c.createArrayOf("text", ids));
      ps.setArray(2, c.createArrayOf("bigint", after));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          StreamId stream = streams.get(rs.getInt(1) - 1);
          result.put(stream, rs.getLong(2));
          if (rs.getObject(3) != null) {
            StoredEvent event = Rows.event(rs, 3, stream);
            delivered.count++;
            consumer.accept(event);
          }
        }
      }
    }
    c.commit();
    return result;
  }

  /** See {@link PostgresEventStore#readStream}. */
  EventStream readStream(StreamId stream, long afterVersion) {
    Validation.streamRead(stream, afterVersion);
    long started = System.nanoTime();
    EventStream opened = connections.retrier().run(StoreOperation.READ_STREAM, () -> {
      Connection c = connections.borrow();
      PreparedStatement ps = null;
      try {
        c.setAutoCommit(false);
        ps = c.prepareStatement(readStreamSql);
        ps.setFetchSize(fetchSize);
        ps.setString(1, stream.value());
        ps.setLong(2, afterVersion);
        ResultSet rs = ps.executeQuery();
        return new PgEventStream(stream, c, ps, rs);
      } catch (SQLException | RuntimeException e) {
        if (ps != null) {
          try {
            ps.close();
          } catch (SQLException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        Connections.rollbackQuietly(c);
        c.close();
        throw e;
      }
    });
    metrics.read(System.nanoTime() - started);
    return opened;
  }
}

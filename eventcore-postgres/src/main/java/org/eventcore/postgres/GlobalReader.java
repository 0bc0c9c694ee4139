package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.internal.Validation;
import org.eventcore.runtime.projection.EventFilter;
import org.eventcore.runtime.projection.Horizon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit-safe global read projections use ({@code readAll}), the horizon that explains what holds it back,
 * and the horizon sample the metrics gauges show.
 */
final class GlobalReader {
  private static final Logger log = LoggerFactory.getLogger(PostgresEventStore.class);
  /** How long a horizon sample serves the gauges before one is taken again. */
  private static final long SAMPLE_NANOS = 10_000_000_000L;

  private final Connections connections;
  /** {@link #readAllSql} for each filter shape, indexed by (types ? 4 : 0) | (prefix ? 2 : 0) | (pattern ? 1 : 0). */
  private final String[] readAllSql = new String[8];
  private final String horizonSql;
  private final ReentrantLock horizonSampling = new ReentrantLock();
  private volatile HorizonSample horizonSample;

  private record HorizonSample(Horizon horizon, long takenNanos) {}

  GlobalReader(Schema schema, Connections connections) {
    this.connections = connections;
    for (int i = 0; i < readAllSql.length; i++) {
      readAllSql[i] = readAllSql(schema, (i & 4) != 0, (i & 2) != 0, (i & 1) != 0);
    }
    this.horizonSql = horizonSql(schema);
  }

  /**
   * The commit-safe global read: events after a position, in (tx_id, position) order, written only by
   * transactions older than every transaction still running, so no event can later appear behind a position
   * already read. The filter's clauses come before the LIMIT. Parameters: the position after which to read (xid8
   * as text, then sequence); then, for each clause present, in this order: the event types ({@code text[]}), the
   * stream prefix as a LIKE pattern (escape {@code \}), the stream glob as an anchored regular expression; then
   * the limit. Rows: the event columns {@link Rows#event} maps, then the stream id.
   */
  static String readAllSql(Schema schema, boolean types, boolean prefix, boolean pattern) {
    StringBuilder sql = new StringBuilder("""
        SELECT %s, e.stream_id
        FROM %s.events e
        WHERE (e.tx_id, e.position) > (?::text::xid8, ?)
          AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
        """.formatted(Rows.EVENT_COLUMNS, schema.q));
    if (types) {
      sql.append("  AND e.event_type = ANY (?)\n");
    }
    if (prefix) {
      sql.append("  AND e.stream_id LIKE ? ESCAPE '\\'\n");
    }
    if (pattern) {
      sql.append("  AND e.stream_id ~ ?\n");
    }
    return sql.append("ORDER BY e.tx_id, e.position\nLIMIT ?").toString();
  }

  /**
   * One round trip, one snapshot: the newest committed event, the committed events at or above the barrier
   * (written by transactions younger than the oldest one still running, so not yet readable), and the oldest
   * running transaction with an xid (other than this session), from pg_stat_activity or pg_prepared_xacts. No
   * parameters. One row: newest tx_id (text) and position (both null for an empty log), pending count, then the
   * blocker's pid (0 for a prepared transaction), xid, age in seconds and what it runs (all null for none).
   */
  static String horizonSql(Schema schema) {
    return """
        WITH b AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
        newest AS (SELECT e.tx_id, e.position FROM %1$s.events e ORDER BY e.tx_id DESC, e.position DESC LIMIT 1),
        blocker AS (
          SELECT * FROM (
            SELECT a.pid, a.backend_xid::text::bigint AS xid, age(a.backend_xid) AS xid_age,
                   extract(epoch FROM clock_timestamp() - a.xact_start) AS seconds,
                   coalesce(a.state, 'unknown') || ': ' || left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 120)
                     AS what
            FROM pg_stat_activity a
            WHERE a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
            UNION ALL
            SELECT 0, p.transaction::text::bigint, age(p.transaction),
                   extract(epoch FROM clock_timestamp() - p.prepared),
                   'prepared transaction ' || quote_literal(p.gid) || ' of ' || p.owner
            FROM pg_prepared_xacts p) r
          ORDER BY r.xid_age DESC LIMIT 1)
        SELECT (SELECT tx_id::text FROM newest), (SELECT position FROM newest),
               (SELECT count(*) FROM %1$s.events e, b WHERE e.tx_id >= b.xmin),
               k.pid, k.xid, k.seconds, k.what
        FROM (SELECT 1) one LEFT JOIN blocker k ON true""".formatted(schema.q);
  }

  /** See {@link PostgresEventStore#readAll}. */
  List<StoredEvent> readAll(Position after, EventFilter filter, int limit) {
    Validation.globalRead(after, filter, limit);
    boolean types = !filter.eventTypes().isEmpty();
    String prefix = filter.streamPrefixLikePattern();
    String pattern = filter.streamPatternRegex();
    String sql = readAllSql[(types ? 4 : 0) | (prefix != null ? 2 : 0) | (pattern != null ? 1 : 0)];
    long started = System.nanoTime();
    List<StoredEvent> page = connections.retrier().run(StoreOperation.READ_ALL, () -> {
      try (Connection c = connections.borrow(); PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        ps.setString(i++, Long.toUnsignedString(after.transactionId()));
        ps.setLong(i++, after.sequence());
        if (types) {
          ps.setArray(i++, c.createArrayOf("text", filter.eventTypes().toArray(new String[0])));
        }
        if (prefix != null) {
          ps.setString(i++, prefix);
        }
        if (pattern != null) {
          ps.setString(i++, pattern);
        }
        ps.setInt(i, limit);
        List<StoredEvent> events = new ArrayList<>(Math.min(limit, 1024));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            events.add(Rows.event(rs, 1, StreamId.of(rs.getString(9))));
          }
        }
        return events;
      }
    });
    if (log.isDebugEnabled()) {
      log.debug("read {} event(s) after {} in {} us", page.size(), after, (System.nanoTime() - started) / 1000);
    }
    return page;
  }

  /** See {@link PostgresEventStore#horizon}; also refreshes the sample the gauges show. */
  Horizon horizon() {
    Horizon h = connections.retrier().run(StoreOperation.READ_ALL, () -> {
      try (Connection c = connections.borrow(); PreparedStatement ps = c.prepareStatement(horizonSql);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        String tx = rs.getString(1);
        Position newest = tx == null ? Position.START : new Position(Long.parseUnsignedLong(tx), rs.getLong(2));
        long pending = rs.getLong(3);
        Optional<Horizon.Blocker> blocker = Optional.empty();
        if (rs.getObject(4) != null) {
          double seconds = rs.getDouble(6);
          blocker = Optional.of(new Horizon.Blocker(rs.getInt(4), rs.getLong(5),
              Duration.ofNanos((long) (Math.max(0, seconds) * 1e9)), rs.getString(7)));
        }
        return new Horizon(newest, pending, blocker);
      }
    });
    horizonSample = new HorizonSample(h, System.nanoTime());
    return h;
  }

  /** The last horizon if younger than 10 s, else a new one; never more than one query at a time. */
  Optional<Horizon> sampledHorizon() {
    HorizonSample s = horizonSample;
    if (s != null && System.nanoTime() - s.takenNanos() < SAMPLE_NANOS) {
      return Optional.of(s.horizon());
    }
    if (horizonSampling.tryLock()) {
      try {
        return Optional.of(horizon());
      } catch (RuntimeException e) {
        log.debug("sampling the horizon for metrics failed: {}", e.getMessage());
      } finally {
        horizonSampling.unlock();
      }
    }
    return s == null ? Optional.empty() : Optional.of(s.horizon());
  }
}

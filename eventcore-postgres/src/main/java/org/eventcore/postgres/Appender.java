package org.eventcore.postgres;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.VersionConflictException;
import org.eventcore.runtime.internal.Json;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.CommandKey;
import org.eventcore.runtime.store.CommittedCommand;
import org.eventcore.runtime.store.NewEvent;
import org.eventcore.runtime.store.VersionConflict;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append: the request as the arrays the {@code eventcore_append} function takes (its algorithm is documented
 * on {@link Migrations}), one autocommit {@code SELECT} of it per attempt (the COMMIT is the end of that
 * statement), and the translation of its failures into the exceptions a caller handles by type.
 */
final class Appender {
  private static final Logger log = LoggerFactory.getLogger(PostgresEventStore.class);

  /**
   * Runs the append function, in one transaction. Parameters: stream ids sorted ({@code text[]}), their expected
   * versions ({@code int8[]}), how many events each receives ({@code int4[]}, 0 = read-only participant), then
   * the events column by column: ids ({@code uuid[]}), streams ({@code text[]}), versions ({@code int8[]}), types,
   * payloads and metadata as JSON ({@code text[]}). One row: the streams' new versions in the order given
   * ({@code bigint[]}), and whether this was a retry of an append that had committed (nothing written).
   */
  private final String appendSql;
  /**
   * The keyed append ({@code eventcore_append_keyed}, documented on {@link Migrations}): the key, the command
   * type and its sorted command streams, then the parameters of {@link #appendSql}. One row: the columns of
   * {@link #appendSql}, whether the key was found stored, then the stored command's columns as
   * {@link CommandKeys#committed} maps them.
   */
  private final String keyedAppendSql;
  /**
   * The current head version of each given stream, 0 for an absent one; read after the UNIQUE (stream_id,
   * version) backstop fired. Parameter: stream ids ({@code text[]}). Rows: stream id, version.
   */
  private final String actualVersionsSql;

  private final Connections connections;
  private final StoreMetrics metrics;
  private final AppendOutcomes outcomes;

  Appender(Schema schema, Connections connections, StoreMetrics metrics) {
    this.connections = connections;
    this.metrics = metrics;
    this.outcomes = new AppendOutcomes(schema, connections);
    this.appendSql = "SELECT new_versions, replayed FROM " + schema.q + ".eventcore_append(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.keyedAppendSql = "SELECT new_versions, replayed, key_found, key_command_type, key_command_streams,"
        + " key_streams, key_stream_versions, key_event_ids, key_created_at FROM " + schema.q
        + ".eventcore_append_keyed(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.actualVersionsSql = "SELECT r.stream_id, coalesce(h.version, 0) FROM unnest(?::text[]) AS r(stream_id)"
        + " LEFT JOIN " + schema.q + ".event_streams h ON h.stream_id = r.stream_id";
  }

  /** See {@link PostgresEventStore#append}. */
  AppendResult append(AppendRequest request) {
    if (request == null) {
      throw new InvalidInputException("append request must not be null");
    }
    Batch batch = new Batch(request);
    long started = System.nanoTime();
    try {
      Outcome outcome;
      try {
        outcome = connections.retrier().run(StoreOperation.APPEND, () -> appendOnce(batch));
      } catch (StoreException e) {
        if (batch.uncertainBackends.isEmpty()) {
          throw e;
        }
        outcome = outcomes.resolve(batch.ids, batch.streams, batch.expected, batch.uncertainBackends, e);
      }
      long nanos = System.nanoTime() - started;
      metrics.appended(nanos, outcome.replayed ? 0 : batch.ids.length);
      if (log.isDebugEnabled()) {
        log.debug("appended {} event(s) to {} in {} us{}", batch.ids.length, outcome.result.streamVersions(),
            nanos / 1000, outcome.result.replayed() ? " (its idempotency key had committed: nothing written)"
                : outcome.replayed ? " (retry of an append that had committed: nothing written)" : "");
      }
      return outcome.result;
    } catch (VersionConflictException e) {
      metrics.conflict(System.nanoTime() - started);
      log.debug("append rejected: {}", e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      metrics.appendFailed(System.nanoTime() - started);
      if (e instanceof StoreException) {
        log.error("append of {} event(s) to streams {} failed: {}", batch.ids.length,
            request.expectedVersions().keySet(), e.getMessage());
      }
      throw e;
    }
  }

  /** What an append did: its result, and whether it was a retry of one that had committed (nothing written). */
  record Outcome(AppendResult result, boolean replayed) {}

  /** The request as the arrays the append function takes, streams sorted by id. */
  private static final class Batch {
    final List<StreamId> streams;
    final String[] streamIds;
    final Long[] expected;
    final Integer[] counts;
    final java.util.UUID[] ids;
    final String[] eventStreams;
    final Long[] versions;
    final String[] types;
    final String[] data;
    final String[] metadata;
    final List<NewEvent> events;
    final CommandKey key;
    /** Backends of attempts whose connection failed after the append was sent: they may have committed. */
    final List<Integer> uncertainBackends = new java.util.concurrent.CopyOnWriteArrayList<>();

    Batch(AppendRequest request) {
      key = request.commandKey();
      streams = new ArrayList<>(request.expectedVersions().keySet());
      streams.sort(null);
      int n = streams.size();
      streamIds = new String[n];
      expected = new Long[n];
      counts = new Integer[n];
      Map<StreamId, Integer> index = new HashMap<>(n * 2);
      for (int i = 0; i < n; i++) {
        StreamId s = streams.get(i);
        index.put(s, i);
        streamIds[i] = s.value();
        expected[i] = request.expectedVersions().get(s);
        counts[i] = 0;
      }
      events = request.events();
      int m = events.size();
      ids = new java.util.UUID[m];
      eventStreams = new String[m];
      versions = new Long[m];
      types = new String[m];
      data = new String[m];
      metadata = new String[m];
      for (int j = 0; j < m; j++) {
        NewEvent e = events.get(j);
        int i = index.get(e.streamId());
        counts[i]++;
        ids[j] = e.eventId();
        eventStreams[j] = e.streamId().value();
        versions[j] = expected[i] + counts[i];
        types[j] = e.eventType();
        data[j] = e.payload();
        metadata[j] = MetadataJson.write(e.metadata());
      }
    }
  }

  private Outcome appendOnce(Batch b) throws SQLException {
    try (Connection c = connections.borrowForWrite()) {
      int backend = AppendOutcomes.backendPid(c);
      try (PreparedStatement ps = c.prepareStatement(b.key == null ? appendSql : keyedAppendSql)) {
        int p = 1;
        if (b.key != null) {
          ps.setString(p++, b.key.idempotencyKey());
          ps.setString(p++, b.key.commandType());
          ps.setArray(p++, c.createArrayOf("text", b.key.commandStreams().stream().map(StreamId::value).toArray()));
        }
        ps.setArray(p++, c.createArrayOf("text", b.streamIds));
        ps.setArray(p++, c.createArrayOf("int8", b.expected));
        ps.setArray(p++, c.createArrayOf("int4", b.counts));
        ps.setArray(p++, c.createArrayOf("uuid", b.ids));
        ps.setArray(p++, c.createArrayOf("text", b.eventStreams));
        ps.setArray(p++, c.createArrayOf("int8", b.versions));
        ps.setArray(p++, c.createArrayOf("text", b.types));
        ps.setArray(p++, c.createArrayOf("text", b.data));
        ps.setArray(p, c.createArrayOf("text", b.metadata));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (b.key != null && rs.getBoolean(3)) {
            return storedKey(b, CommandKeys.committed(b.key.idempotencyKey(), rs, 4));
          }
          Array array = rs.getArray(1);
          Long[] after = (Long[]) array.getArray();
          boolean replayed = rs.getBoolean(2);
          Map<StreamId, Long> versions = new LinkedHashMap<>();
          for (int i = 0; i < b.streams.size(); i++) {
            versions.put(b.streams.get(i), after[i]);
          }
          return new Outcome(new AppendResult(versions), replayed);
        }
      } catch (SQLException e) {
        if (AppendOutcomes.mayHaveCommitted(e)) {
          b.uncertainBackends.add(backend);
        }
        throw translateAppendFailure(c, b, e);
      }
    }
  }

  /**
   * The request's key was found stored, so nothing was written: another command's key is bad input; the same
   * event ids mean the retry of this very append, which committed (a success); otherwise a replay.
   */
  private static Outcome storedKey(Batch b, CommittedCommand committed) {
    b.key.requireSameCommandAs(committed.key());
    boolean own = b.ids.length > 0 && Arrays.asList(b.ids).equals(committed.eventIds());
    return new Outcome(new AppendResult(committed.streamVersions(), own ? null : committed), true);
  }

  /** Turns the failures a caller handles by type into them; returns the rest for the retrier to classify. */
  private SQLException translateAppendFailure(Connection c, Batch b, SQLException e) {
    String state = e.getSQLState();
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    if (Schema.VERSION_CONFLICT.equals(state) && server != null) {
      throw new VersionConflictException(parseConflicts(server.getDetail(), e));
    }
    if (Schema.NOT_A_RETRY.equals(state)) {
      throw new InvalidInputException(server != null ? server.getMessage() : e.getMessage(), e);
    }
    if ("23505".equals(state) && server != null) {
      if (Schema.STREAM_VERSION_CONSTRAINT.equals(server.getConstraint())) {
        throw backstopConflict(c, b, e);
      }
      if (Schema.EVENT_ID_CONSTRAINT.equals(server.getConstraint())) {
        throw new InvalidInputException("an event id of this append is already stored (" + server.getDetail()
            + ") but its first event's id is not: an append is either new or a retry of an identical append", e);
      }
    }
    if ("22P02".equals(state) || "22P05".equals(state)) {
      for (int j = 0; j < b.events.size(); j++) {
        if (!isJson(b.data[j])) {
          NewEvent bad = b.events.get(j);
          throw new InvalidInputException("payload of event " + bad.eventId() + " (" + bad.eventType()
              + ") for stream '" + bad.streamId() + "' is not valid JSON: SQLSTATE " + state + ": "
              + (server != null ? server.getMessage() : Retrier.firstLine(e.getMessage())), e);
        }
      }
    }
    return e;
  }

  private static boolean isJson(String text) {
    try (var p = Json.FACTORY.createParser(text)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private static List<VersionConflict> parseConflicts(String detail, SQLException cause) {
    List<VersionConflict> conflicts = new ArrayList<>();
    try (var p = Json.FACTORY.createParser(detail)) {
      p.nextToken(); // [
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        String stream = null;
        long expected = 0;
        long actual = 0;
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          switch (field) {
            case "stream" -> stream = p.getText();
            case "expected" -> expected = p.getLongValue();
            case "actual" -> actual = p.getLongValue();
            default -> p.skipChildren();
          }
        }
        conflicts.add(new VersionConflict(StreamId.of(stream), expected, actual));
      }
    } catch (IOException | RuntimeException e) {
      throw new StoreException(StoreOperation.APPEND, "version conflict reported in an unreadable form: " + detail,
          cause);
    }
    return conflicts;
  }

  /** UNIQUE (stream_id, version) fired: report the written streams' current heads. */
  private RuntimeException backstopConflict(Connection c, Batch b, SQLException e) {
    List<VersionConflict> conflicts = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(actualVersionsSql)) {
      ps.setArray(1, c.createArrayOf("text", b.streamIds));
      Map<String, Long> actual = new HashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          actual.put(rs.getString(1), rs.getLong(2));
        }
      }
      for (int i = 0; i < b.streamIds.length; i++) {
        long a = actual.getOrDefault(b.streamIds[i], 0L);
        if (b.counts[i] > 0 || a != b.expected[i]) {
          conflicts.add(new VersionConflict(b.streams.get(i), b.expected[i], a));
        }
      }
    } catch (SQLException suppressed) {
      e.addSuppressed(suppressed);
      return new StoreException(StoreOperation.APPEND, "unique (stream_id, version) violated and the current"
          + " versions could not be read: " + e.getMessage(), e);
    }
    log.warn("append hit the unique (stream_id, version) backstop: {}", e.getMessage());
    VersionConflictException conflict = new VersionConflictException(conflicts);
    conflict.initCause(e);
    return conflict;
  }
}

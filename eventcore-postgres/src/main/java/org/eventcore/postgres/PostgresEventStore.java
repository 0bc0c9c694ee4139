package org.eventcore.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.VersionConflictException;
import org.eventcore.runtime.codec.JsonSupport;
import org.eventcore.runtime.internal.Validation;
import org.eventcore.runtime.projection.EventFilter;
import org.eventcore.runtime.projection.Horizon;
import org.eventcore.runtime.projection.Leadership;
import org.eventcore.runtime.projection.ProjectionSource;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.EventStream;
import org.eventcore.runtime.store.NewEvent;
import org.eventcore.runtime.store.VersionConflict;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL event store: pgjdbc behind a HikariCP pool, transient failures retried with Failsafe.
 *
 * <p>Guarantees, beyond those of {@link EventStore}:
 * <ul>
 *   <li>An append is one transaction and one round trip (the {@code eventcore_append} function). It locks the head
 *       row of every stream of the request in sorted stream-id order (written streams FOR NO KEY UPDATE, read-only
 *       participants FOR SHARE), compares each with its expected version as a step of its own, then
 *       compare-and-sets the written heads and inserts the events; UNIQUE (stream_id, version) is the backstop.
 *       Two appends over the same streams therefore cannot deadlock, and a command that read a stream another
 *       command wrote in the meantime cannot commit on that stale read (no lost update, no write skew).</li>
 *   <li>Transient failures (SQLSTATE class 08, 40001, 40P01, 57P01..57P03, 53300) are retried with exponential
 *       backoff, at most {@link PostgresConfig#maxRetries()} times; version conflicts never are (the
 *       CommandExecutor re-reads and re-decides). A retried append whose first attempt committed without the
 *       acknowledgement reaching us is recognised by its event ids and writes nothing twice.</li>
 *   <li>{@link #readStreams} reads all streams in one statement, so from one snapshot: one round trip when
 *       they hold at most {@link PostgresConfig#fetchSize()} events, otherwise through a cursor,
 *       {@code fetchSize} rows per round trip. Memory stays bounded by the fetch size either way.</li>
 * </ul>
 *
 * <p>Metrics, when {@link PostgresConfig#meterRegistry()} is set: {@code eventcore.store.append} (timer, tags
 * schema, outcome), {@code eventcore.store.events.appended}, {@code eventcore.store.conflicts},
 * {@code eventcore.store.retries} (tags operation, cause = SQLSTATE), {@code eventcore.store.read} (timer) and
 * HikariCP's {@code hikaricp.connections.*}. Logs (SLF4J, logger {@code org.eventcore.postgres}): debug per
 * append and read, warn per retry, error when an operation fails.
 *
 * <p>Also a {@link ProjectionSource} (see docs/PROJECTIONS.md): {@link #readAll} reads in (transaction id,
 * position) order below the oldest running transaction, so a transaction that commits late or rolls back never
 * makes a reader skip or repeat an event; checkpoints live in {@code projection_checkpoints}; {@link #tryLead}
 * holds a session advisory lock on a dedicated connection (opened with the configured URL and credentials, or,
 * for a store on an application DataSource without URL, one connection taken from that DataSource and pinned for
 * as long as the lead is held) and fences checkpoint writes with a token; {@link #onAppend} listens on a
 * dedicated connection to one NOTIFY per append transaction. Horizon gauges {@code
 * eventcore.store.horizon.pending.events} and {@code eventcore.store.horizon.blocker.age.seconds} are sampled at
 * most once per 10 s, whatever the scrape rate.
 *
 * <p>Thread-safe. Close it to close the pool it created (a DataSource passed to
 * {@link #create(DataSource, PostgresConfig)} is left open).
 */
public final class PostgresEventStore implements EventStore, ProjectionSource, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresEventStore.class);
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final PostgresConfig config;
  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final Schema schema;
  private final StoreMetrics metrics;
  private final Retrier retrier;
  private final boolean setIsolationPerConnection;
  private final String[] readAllSql = new String[8];
  private final AppendListener appendListener;
  private final Deque<Connection> spareLockConnections = new ArrayDeque<>();
  private final ReentrantLock horizonSampling = new ReentrantLock();
  private volatile HorizonSample horizonSample;

  /**
   * Opens a HikariCP pool on {@link PostgresConfig#url()} and checks that a connection can be made. Call
   * {@link #initialize()} before the first use of a new database.
   *
   * @throws InvalidInputException when the configuration has no URL
   * @throws StoreException (operation CONNECT) when no connection can be opened within the acquire timeout
   */
  public PostgresEventStore(PostgresConfig config) {
    this(requireUrl(config), null);
  }

  private PostgresEventStore(PostgresConfig config, DataSource external) {
    this.config = config;
    this.schema = new Schema(config.schema());
    this.metrics = StoreMetrics.of(config.meterRegistry(), config.schema());
    this.retrier = new Retrier(config, metrics);
    if (external == null) {
      this.ownedPool = openPool(config);
      this.dataSource = ownedPool;
      this.setIsolationPerConnection = false;
    } else {
      this.ownedPool = null;
      this.dataSource = external;
      this.setIsolationPerConnection = config.isolation() != IsolationLevel.READ_COMMITTED;
    }
    for (int i = 0; i < readAllSql.length; i++) {
      readAllSql[i] = schema.readAllSql((i & 4) != 0, (i & 2) != 0, (i & 1) != 0);
    }
    this.appendListener = new AppendListener(schema.notifyChannel, this::openDedicated,
        config.acquireTimeout().toMillis());
    if (config.meterRegistry() != null) {
      registerHorizonGauges(config.meterRegistry());
    }
  }

  /**
   * A store on a DataSource the caller manages (and closes). {@code config} supplies schema, isolation, retries,
   * fetch size and metrics; its URL and pool settings are not used and its URL may be absent. With
   * {@link IsolationLevel#SERIALIZABLE} the isolation is set on every borrowed connection (configure it on the
   * DataSource to save that statement).
   */
  public static PostgresEventStore create(DataSource dataSource, PostgresConfig config) {
    if (dataSource == null) {
      throw new InvalidInputException("dataSource must not be null");
    }
    if (config == null) {
      throw new InvalidInputException("config must not be null");
    }
    return new PostgresEventStore(config, dataSource);
  }

  private static PostgresConfig requireUrl(PostgresConfig config) {
    if (config == null) {
      throw new InvalidInputException("config must not be null");
    }
    if (config.url() == null) {
      throw new InvalidInputException("PostgresConfig.url must be set for the store to open its own pool; use"
          + " PostgresEventStore.create(DataSource, PostgresConfig) for an existing DataSource");
    }
    return config;
  }

  private static HikariDataSource openPool(PostgresConfig config) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("eventcore-" + config.schema() + "-" + POOLS.incrementAndGet());
    hc.setDataSource(ConnectionProperties.dataSource(config));
    hc.setMaximumPoolSize(config.maxConnections());
    hc.setMinimumIdle(config.minConnections());
    hc.setConnectionTimeout(config.acquireTimeout().toMillis());
    hc.setInitializationFailTimeout(config.acquireTimeout().toMillis());
    hc.setAutoCommit(true);
    hc.setTransactionIsolation(config.isolation().hikariName());
    if (config.meterRegistry() != null) {
      hc.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(config.meterRegistry()));
    }
    try {
      return new HikariDataSource(hc);
    } catch (HikariPool.PoolInitializationException | IllegalArgumentException | IllegalStateException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String why = cause instanceof SQLException s && s.getSQLState() != null
          ? "SQLSTATE " + s.getSQLState() + ": " + s.getMessage() : String.valueOf(cause.getMessage());
      log.error("cannot connect to {} as {}: {}", config.url(), config.user(), why);
      throw new StoreException(StoreOperation.CONNECT, "cannot connect to " + config.url() + " as "
          + config.user() + " within " + config.acquireTimeout().toMillis() + " ms: " + why, cause);
    }
  }

  // ------------------------------------------------------------------------------------------------ initialize

  /**
   * Creates or migrates the schema: idempotent, safe to call from many processes at once. Each migration runs in
   * its own transaction under a transaction-level advisory lock on the schema name and is recorded in
   * {@code eventcore_schema_migrations}; a failed migration leaves the schema as it was before it.
   *
   * @throws StoreException (operation INITIALIZE) when the lock is not granted within
   *     {@link PostgresConfig#initializeTimeout()}, when the server is older than PostgreSQL 13, or a migration
   *     fails
   */
  public void initialize() {
    long started = System.nanoTime();
    retrier.run(StoreOperation.INITIALIZE, () -> {
      migrate();
      return null;
    });
    log.debug("schema {} initialized in {} ms", schema.name, (System.nanoTime() - started) / 1_000_000);
  }

  private void migrate() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      int major = c.getMetaData().getDatabaseMajorVersion();
      if (major < 13) {
        throw new StoreException(StoreOperation.INITIALIZE, "PostgreSQL 13 or newer is required (xid8,"
            + " pg_current_xact_id), the server is " + c.getMetaData().getDatabaseProductVersion());
      }
      c.setAutoCommit(false);
      while (true) {
        Schema.Migration pending = null;
        int current = 0;
        try {
          lockSchema(c);
          current = ensureMigrationsTable(c);
          if (current >= schema.latestVersion()) {
            c.commit();
            if (current > schema.latestVersion()) {
              log.warn("schema {} is at version {}, newer than this library's {}; using it as is", schema.name,
                  current, schema.latestVersion());
            }
            return;
          }
          for (Schema.Migration m : schema.migrations) {
            if (m.version() > current) {
              pending = m;
              break;
            }
          }
          try (Statement st = c.createStatement()) {
            st.execute(pending.sql());
          }
          try (PreparedStatement ps = c.prepareStatement(schema.recordMigrationSql())) {
            ps.setInt(1, pending.version());
            ps.setString(2, pending.description());
            ps.executeUpdate();
          }
          c.commit();
          log.info("schema {}: applied migration {} ({})", schema.name, pending.version(), pending.description());
        } catch (SQLException e) {
          rollbackQuietly(c);
          if ("55P03".equals(e.getSQLState())) {
            String message = "gave up after " + config.initializeTimeout().toMillis() + " ms waiting for the"
                + " initialization lock of schema '" + schema.name + "' (pg_advisory_xact_lock(hashtextextended("
                + "'eventcore.schema:" + schema.name + "', 0))): another process is initializing it or holds the"
                + " lock; retry later or raise initializeTimeout";
            log.error(message);
            throw new StoreException(StoreOperation.INITIALIZE, message, e);
          }
          if (Retrier.isTransient(e)) {
            throw e;
          }
          String what = pending == null ? "preparing the migrations of schema '" + schema.name + "'"
              : "migration " + pending.version() + " (" + pending.description() + ") of schema '" + schema.name
                  + "'; the schema stays at version " + current;
          log.error("{} failed: {}", what, e.getMessage());
          throw new StoreException(StoreOperation.INITIALIZE, what + " failed: SQLSTATE " + e.getSQLState() + ": "
              + e.getMessage(), e);
        } catch (RuntimeException e) {
          rollbackQuietly(c);
          throw e;
        }
      }
    }
  }

  private void lockSchema(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
      ps.setString(1, config.initializeTimeout().toMillis() + "ms");
      ps.execute();
    }
    try (PreparedStatement ps = c.prepareStatement(schema.lockSql())) {
      ps.setString(1, schema.name);
      ps.execute();
    }
  }

  /** Creates the schema and the migrations table when missing (under the lock); returns the applied version. */
  private int ensureMigrationsTable(Connection c) throws SQLException {
    boolean exists;
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      ps.setString(1, schema.name);
      try (ResultSet rs = ps.executeQuery()) {
        exists = rs.next();
      }
    }
    try (Statement st = c.createStatement()) {
      if (!exists) {
        st.execute("CREATE SCHEMA " + schema.q);
      }
      st.execute(schema.createMigrationsTableSql());
      try (ResultSet rs = st.executeQuery(schema.currentVersionSql())) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool evicts it
    }
  }

  // ------------------------------------------------------------------------------------------------ reads

  /**
   * Reads all streams in one statement, so from one snapshot. A read of at most {@link PostgresConfig#fetchSize()}
   * events (a command's usual read) takes one round trip: the statement runs in autocommit with a row limit and
   * its rows, held in memory up to that bound, are handed over once complete. A longer read is done again through
   * a cursor, {@code fetchSize} rows per round trip plus the closing COMMIT, so memory stays bounded. A transient
   * failure before the first event reached {@code consumer} is retried; after that it is not (the consumer must
   * not see an event twice).
   */
  @Override
  public Map<StreamId, Long> readStreams(List<StreamId> streams, Consumer<StoredEvent> consumer) {
    Validation.streamsToRead(streams);
    if (consumer == null) {
      throw new InvalidInputException("consumer must not be null");
    }
    String[] ids = new String[streams.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = streams.get(i).value();
    }
    long started = System.nanoTime();
    long[] delivered = {0};
    Map<StreamId, Long> versions = retrier.run(StoreOperation.READ_STREAM, () -> delivered[0] == 0, () -> {
      try (Connection c = dataSource.getConnection()) {
        Map<StreamId, Long> small = readSmall(c, streams, ids, consumer, delivered);
        return small != null ? small : readThroughCursor(c, streams, ids, consumer, delivered);
      }
    });
    long nanos = System.nanoTime() - started;
    metrics.read(nanos);
    if (log.isDebugEnabled()) {
      log.debug("read streams {}: {} event(s) in {} us", versions, delivered[0], nanos / 1000);
    }
    return versions;
  }

  /** One round trip with a row limit; null when the streams hold more events than one batch. */
  private Map<StreamId, Long> readSmall(Connection c, List<StreamId> streams, String[] ids,
      Consumer<StoredEvent> consumer, long[] delivered) throws SQLException {
    // one row per event, or one row for a stream without events: this many rows means "maybe more"
    int limit = config.fetchSize() + streams.size() + 1;
    Map<StreamId, Long> result = new LinkedHashMap<>();
    List<StoredEvent> events = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(schema.readStreamsSql)) {
      ps.setMaxRows(limit);
      ps.setArray(1, c.createArrayOf("text", ids));
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
      delivered[0]++;
      consumer.accept(e);
    }
    return versions;
  }

  /** The same statement through a cursor: rows are handed over as they arrive. */
  private Map<StreamId, Long> readThroughCursor(Connection c, List<StreamId> streams, String[] ids,
      Consumer<StoredEvent> consumer, long[] delivered) throws SQLException {
    Map<StreamId, Long> result = new LinkedHashMap<>();
    for (StreamId s : streams) {
      result.put(s, 0L);
    }
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(schema.readStreamsSql)) {
      ps.setFetchSize(config.fetchSize());
      ps.setArray(1, c.createArrayOf("text", ids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          StreamId stream = streams.get(rs.getInt(1) - 1);
          result.put(stream, rs.getLong(2));
          if (rs.getObject(3) != null) {
            StoredEvent event = Rows.event(rs, 3, stream);
            delivered[0]++;
            consumer.accept(event);
          }
        }
      }
    }
    c.commit();
    return result;
  }

  /**
   * Opens a cursor over the stream's events after {@code afterVersion}; the returned stream holds a pooled
   * connection until it is read to the end or closed.
   */
  @Override
  public EventStream readStream(StreamId stream, long afterVersion) {
    Validation.streamRead(stream, afterVersion);
    long started = System.nanoTime();
    EventStream opened = retrier.run(StoreOperation.READ_STREAM, () -> {
      Connection c = dataSource.getConnection();
      PreparedStatement ps = null;
      try {
        c.setAutoCommit(false);
        ps = c.prepareStatement(schema.readStreamSql);
        ps.setFetchSize(config.fetchSize());
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
        rollbackQuietly(c);
        c.close();
        throw e;
      }
    });
    metrics.read(System.nanoTime() - started);
    return opened;
  }

  // ------------------------------------------------------------------------------------------------ append

  /**
   * Appends atomically in one round trip; see the class documentation for the algorithm.
   *
   * @throws VersionConflictException naming every stale stream with its expected and actual version; nothing
   *     was written
   * @throws InvalidInputException when some but not all event ids are already stored, or a payload is not JSON
   * @throws StoreException when the database fails, after the retries of transient failures
   */
  @Override
  public AppendResult append(AppendRequest request) {
    if (request == null) {
      throw new InvalidInputException("append request must not be null");
    }
    Batch batch = new Batch(request);
    long started = System.nanoTime();
    try {
      Outcome outcome = retrier.run(StoreOperation.APPEND, () -> appendOnce(batch));
      long nanos = System.nanoTime() - started;
      metrics.appended(nanos, outcome.replayed ? 0 : batch.ids.length);
      if (log.isDebugEnabled()) {
        log.debug("appended {} event(s) to {} in {} us{}", batch.ids.length, outcome.result.streamVersions(),
            nanos / 1000, outcome.replayed ? " (retry of an append that had committed: nothing written)" : "");
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

  private record Outcome(AppendResult result, boolean replayed) {}

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

    Batch(AppendRequest request) {
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
    try (Connection c = dataSource.getConnection()) {
      if (setIsolationPerConnection) {
        c.setTransactionIsolation(config.isolation().jdbcLevel());
      }
      try (PreparedStatement ps = c.prepareStatement(schema.appendSql)) {
        ps.setArray(1, c.createArrayOf("text", b.streamIds));
        ps.setArray(2, c.createArrayOf("int8", b.expected));
        ps.setArray(3, c.createArrayOf("int4", b.counts));
        ps.setArray(4, c.createArrayOf("uuid", b.ids));
        ps.setArray(5, c.createArrayOf("text", b.eventStreams));
        ps.setArray(6, c.createArrayOf("int8", b.versions));
        ps.setArray(7, c.createArrayOf("text", b.types));
        ps.setArray(8, c.createArrayOf("text", b.data));
        ps.setArray(9, c.createArrayOf("text", b.metadata));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
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
        throw translateAppendFailure(c, b, e);
      }
    }
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
              + ") for stream '" + bad.streamId() + "' is not valid JSON: " + e.getMessage(), e);
        }
      }
    }
    return e;
  }

  private static boolean isJson(String text) {
    try (var p = JsonSupport.FACTORY.createParser(text)) {
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
    try (var p = JsonSupport.FACTORY.createParser(detail)) {
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
    try (PreparedStatement ps = c.prepareStatement(schema.actualVersionsSql)) {
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

  // ------------------------------------------------------------------------------------------------ projections

  /**
   * Events after {@code after} matching {@code filter}, in (transaction id, position) order, written only by
   * transactions older than every transaction still running ({@code tx_id < pg_snapshot_xmin(pg_current_snapshot())},
   * evaluated in the statement's own snapshot). The filter is part of the statement, before its LIMIT: types as
   * {@code event_type = ANY (?)}, the prefix as {@code LIKE ? ESCAPE '\'} with {@code %}, {@code _} and {@code \}
   * escaped, the glob as an anchored {@code ~} regular expression.
   */
  @Override
  public List<StoredEvent> readAll(Position after, EventFilter filter, int limit) {
    Validation.globalRead(after, filter, limit);
    boolean types = !filter.eventTypes().isEmpty();
    String prefix = filter.streamPrefixLikePattern();
    String pattern = filter.streamPatternRegex();
    String sql = readAllSql[(types ? 4 : 0) | (prefix != null ? 2 : 0) | (pattern != null ? 1 : 0)];
    long started = System.nanoTime();
    List<StoredEvent> page = retrier.run(StoreOperation.READ_ALL, () -> {
      try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
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

  /**
   * One statement: the newest committed event, how many committed events wait behind the oldest running
   * transaction, and that transaction (from {@code pg_stat_activity}, or {@code pg_prepared_xacts} with pid 0).
   * Seeing other roles' sessions needs {@code pg_read_all_stats}; without it the blocker may be absent while
   * events are pending.
   */
  @Override
  public Horizon horizon() {
    Horizon h = retrier.run(StoreOperation.READ_ALL, () -> {
      try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(schema.horizonSql);
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

  @Override
  public Optional<Position> checkpoint(String projection) {
    Validation.projectionName(projection);
    return retrier.run(StoreOperation.CHECKPOINT, () -> {
      try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(schema.checkpointSql)) {
        ps.setString(1, projection);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new Position(Long.parseUnsignedLong(rs.getString(1)), rs.getLong(2)))
              : Optional.<Position>empty();
        }
      }
    });
  }

  /**
   * Tries {@code pg_try_advisory_lock} on a key hashed from the schema and the projection name, on a dedicated
   * connection; when granted, bumps the projection's fencing token and names the connection
   * {@code eventcore lead <schema>.<projection>} in pg_stat_activity. The lock lives as long as that connection: closing
   * the leadership, or the connection dying (process crash, {@code pg_terminate_backend}), releases it.
   */
  @Override
  public Optional<Leadership> tryLead(String projection) {
    Validation.projectionName(projection);
    String key = "eventcore.projection:" + schema.name + ":" + projection;
    return retrier.run(StoreOperation.LEADERSHIP, () -> {
      boolean dedicated = config.url() != null;
      Connection c = takeLockConnection();
      boolean handedOver = false;
      try {
        boolean granted;
        try (PreparedStatement ps = c.prepareStatement(schema.leadSql)) {
          ps.setString(1, key);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            granted = rs.getBoolean(1);
          }
        }
        if (!granted) {
          handedOver = keepSpare(c, dedicated);
          return Optional.<Leadership>empty();
        }
        long token;
        try (PreparedStatement ps = c.prepareStatement(schema.fenceSql)) {
          ps.setString(1, projection);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            token = rs.getLong(1);
          }
        }
        if (dedicated) {
          try (PreparedStatement ps = c.prepareStatement("SELECT set_config('application_name', ?, false)")) {
            ps.setString(1, "eventcore lead " + schema.name + "." + projection);
            ps.execute();
          }
        }
        handedOver = true;
        log.debug("projection '{}': lead granted, fencing token {}", projection, token);
        return Optional.<Leadership>of(new PgLeadership(this, projection, key, token, c, dedicated));
      } finally {
        if (!handedOver) {
          // closing the session releases a lock it may hold; a pooled one is aborted so it cannot carry the lock back
          if (!dedicated) {
            try {
              c.abort(Runnable::run);
            } catch (SQLException ignored) {
              // closed below anyway
            }
          }
          try {
            c.close();
          } catch (SQLException ignored) {
            // nothing more to release
          }
        }
      }
    });
  }

  /** Registers a wake-up called on the store's listener thread after each append transaction commits. */
  @Override
  public AutoCloseable onAppend(Runnable listener) {
    if (listener == null) {
      throw new InvalidInputException("listener must not be null");
    }
    return appendListener.add(listener);
  }

  /** A connection outside the pool: from the configured URL, or pinned from the application's DataSource. */
  private Connection openDedicated() throws SQLException {
    if (config.url() == null) {
      Connection c = dataSource.getConnection();
      c.setAutoCommit(true);
      return c;
    }
    return ConnectionProperties.open(config);
  }

  /** A lock connection: a spare one left by an earlier refused attempt (standbys retry often), or a new one. */
  private Connection takeLockConnection() throws SQLException {
    if (config.url() != null) {
      synchronized (spareLockConnections) {
        Connection spare = spareLockConnections.pollFirst();
        if (spare != null) {
          return spare;
        }
      }
    }
    return openDedicated();
  }

  /** Keeps a dedicated connection that holds no lock for the next attempt; returns whether it was kept. */
  private boolean keepSpare(Connection c, boolean dedicated) {
    if (!dedicated) {
      return false;
    }
    synchronized (spareLockConnections) {
      if (spareLockConnections.size() < 4) {
        spareLockConnections.addLast(c);
        return true;
      }
    }
    return false;
  }

  private record HorizonSample(Horizon horizon, long takenNanos) {}

  /** The last horizon if younger than 10 s, else a new one; never more than one query at a time. */
  private Optional<Horizon> sampledHorizon() {
    HorizonSample s = horizonSample;
    if (s != null && System.nanoTime() - s.takenNanos() < 10_000_000_000L) {
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

  private void registerHorizonGauges(io.micrometer.core.instrument.MeterRegistry registry) {
    io.micrometer.core.instrument.Gauge.builder("eventcore.store.horizon.pending.events", this,
            s -> s.sampledHorizon().map(h -> (double) h.pendingEvents()).orElse(Double.NaN))
        .description("committed events not yet readable by projections: written by transactions younger than the"
            + " oldest one still running")
        .tag("schema", schema.name).register(registry);
    io.micrometer.core.instrument.Gauge.builder("eventcore.store.horizon.blocker.age.seconds", this,
            s -> s.sampledHorizon().map(h -> h.blocker().map(b -> b.age().toMillis() / 1000.0).orElse(0.0))
                .orElse(Double.NaN))
        .description("age of the oldest running transaction that holds the projection horizon back (0: none)")
        .tag("schema", schema.name).register(registry);
  }

  Schema schema() {
    return schema;
  }

  DataSource dataSource() {
    return dataSource;
  }

  Retrier retrier() {
    return retrier;
  }

  /** For measurements in this package's tests. */
  DataSource dataSourceForTests() {
    return dataSource;
  }

  /** Closes the pool this store opened; a DataSource passed in is left open. */
  @Override
  public void close() {
    appendListener.close();
    synchronized (spareLockConnections) {
      for (Connection c : spareLockConnections) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
      spareLockConnections.clear();
    }
    if (ownedPool != null) {
      ownedPool.close();
    }
  }

  @Override
  public String toString() {
    return "PostgresEventStore[" + (ownedPool != null ? config.url() : "external DataSource") + ", schema="
        + schema.name + ", isolation=" + config.isolation() + "]";
  }
}

package org.eventcore.postgres;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.VersionConflictException;
import org.eventcore.runtime.projection.EventFilter;
import org.eventcore.runtime.projection.Horizon;
import org.eventcore.runtime.projection.Leadership;
import org.eventcore.runtime.projection.ProjectionSource;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.AppendResult;
import org.eventcore.runtime.store.CommittedCommand;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.EventStream;
import org.eventcore.runtime.store.SnapshotKey;
import org.eventcore.runtime.store.SnapshotStore;
import org.eventcore.runtime.store.StoredSnapshot;

/**
 * The PostgreSQL event store: pgjdbc behind a HikariCP pool, transient failures retried with Failsafe.
 *
 * <p>Guarantees, beyond those of {@link EventStore}:
 * <ul>
 *   <li>An append is one transaction and one round trip (the {@code eventcore_append} function). It goes through
 *       the head row of every stream of the request in sorted stream-id order: a written stream's head is
 *       compare-and-set ({@code UPDATE ... WHERE version = expected}, which locks it FOR NO KEY UPDATE), a
 *       read-only participant's is locked FOR SHARE and compared; then it inserts the events; UNIQUE (stream_id,
 *       version) is the backstop.
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
 * as long as the lead is held) and fences checkpoint writes with a token; {@link #onAppend} listeners are woken
 * directly after this store's appends and, for other processes' appends, by a NOTIFY that {@link AppendNotifier}
 * sends after commit, outside the append transaction, at most once per {@link PostgresConfig#notifyInterval()};
 * the store's LISTEN runs on a dedicated connection. No append transaction NOTIFYs: PostgreSQL serializes the
 * commits of all transactions with a pending notification, server-wide. Horizon gauges {@code
 * eventcore.store.horizon.pending.events} and {@code eventcore.store.horizon.blocker.age.seconds} are sampled at
 * most once per 10 s, whatever the scrape rate. Micrometer is optional: without a registry no Micrometer class
 * is loaded. The meters are built once per store and removed from the registry by {@link #close()}.
 *
 * <p>A facade: {@link Connections} (pool, dedicated sessions, {@link Retrier}), {@link SchemaMigrator} (the DDL
 * of {@link Migrations}), {@link StreamReader}, {@link Appender}, {@link CommandKeys} (idempotency keys),
 * {@link GlobalReader} (readAll, horizon), {@link LeaderElection} and {@link Checkpoints}, {@link AppendListener},
 * {@link AppendNotifier}, {@link Snapshots} (the {@link SnapshotStore} of command states, table
 * {@code state_snapshots}) and
 * {@link StoreMetrics} each do one job.
 *
 * <p>Thread-safe. Close it to close the pool it created (a DataSource passed to
 * {@link #create(DataSource, PostgresConfig)} is left open).
 */
public final class PostgresEventStore implements EventStore, ProjectionSource, SnapshotStore, AutoCloseable {
  private final PostgresConfig config;
  private final Schema schema;
  private final StoreMetrics metrics;
  private final Connections connections;
  private final SchemaMigrator migrator;
  private final StreamReader streamReader;
  private final Appender appender;
  private final GlobalReader globalReader;
  private final CommandKeys commandKeys;
  private final Checkpoints checkpoints;
  private final LeaderElection leaderElection;
  private final AppendListener appendListener;
  private final AppendNotifier appendNotifier;
  private final Snapshots snapshots;

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
    this.metrics = StoreMetrics.of(config);
    try {
      this.connections = new Connections(config, external, metrics);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    this.migrator = new SchemaMigrator(schema, connections, config);
    this.streamReader = new StreamReader(schema, connections, metrics, config.fetchSize());
    this.appender = new Appender(schema, connections, metrics);
    this.globalReader = new GlobalReader(schema, connections);
    this.commandKeys = new CommandKeys(schema, connections);
    this.checkpoints = new Checkpoints(schema, connections);
    this.leaderElection = new LeaderElection(schema, connections, checkpoints);
    String token = java.util.UUID.randomUUID().toString();
    this.appendListener = new AppendListener(schema.notifyChannel, token, connections::openDedicated,
        config.acquireTimeout().toMillis());
    this.appendNotifier = new AppendNotifier(schema.notifyChannel, token, connections, appendListener,
        config.notifyInterval());
    this.snapshots = new Snapshots(schema, connections);
    metrics.horizonGauges(globalReader::sampledHorizon);
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
    migrator.initialize();
  }

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
    return streamReader.readStreams(streams, consumer);
  }

  /** The statement of {@link #readStreams}, reading each stream after its version: one round trip when small. */
  @Override
  public Map<StreamId, Long> readStreamsAfter(Map<StreamId, Long> afterVersions, Consumer<StoredEvent> consumer) {
    return streamReader.readStreamsAfter(afterVersions, consumer);
  }

  /**
   * Opens a cursor over the stream's events after {@code afterVersion}; the returned stream holds a pooled
   * connection until it is read to the end or closed.
   */
  @Override
  public EventStream readStream(StreamId stream, long afterVersion) {
    return streamReader.readStream(stream, afterVersion);
  }

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
    AppendResult result = appender.append(request);
    appendNotifier.appended();
    return result;
  }

  /** One indexed read of {@code command_keys} (migration 7), written by the keyed append with its events. */
  @Override
  public Optional<CommittedCommand> committedCommand(String idempotencyKey) {
    return commandKeys.committedCommand(idempotencyKey);
  }

  /** One statement, the events in the order of the ids. */
  @Override
  public List<StoredEvent> readEvents(List<UUID> eventIds) {
    return commandKeys.readEvents(eventIds);
  }

  /**
   * Upserts the snapshot's row of {@code state_snapshots} (one per fold and snapshot version) unless the row held
   * is folded further, and deletes the fold's rows of lower snapshot versions, in one autocommit statement: never
   * part of an append.
   *
   * @throws InvalidInputException when the snapshot is null
   * @throws StoreException when the database fails (a payload that is not JSON included), after the retries of
   *     transient failures
   */
  @Override
  public void saveSnapshot(StoredSnapshot snapshot) {
    snapshots.save(snapshot);
  }

  /** The row of {@code state_snapshots} of the key and snapshot version, if any: one statement. */
  @Override
  public Optional<StoredSnapshot> loadSnapshot(SnapshotKey key, int snapshotVersion) {
    return snapshots.load(key, snapshotVersion);
  }

  /**
   * Events after {@code after} matching {@code filter}, in (transaction id, position) order, written only by
   * transactions older than every transaction still running ({@code tx_id < pg_snapshot_xmin(pg_current_snapshot())},
   * evaluated in the statement's own snapshot). The filter is part of the statement, before its LIMIT: types as
   * {@code event_type = ANY (?)}, the prefix as {@code LIKE ? ESCAPE '\'} with {@code %}, {@code _} and {@code \}
   * escaped, the glob as an anchored {@code ~} regular expression.
   */
  @Override
  public List<StoredEvent> readAll(Position after, EventFilter filter, int limit) {
    return globalReader.readAll(after, filter, limit);
  }

  /**
   * One statement: the newest committed event, how many committed events wait behind the oldest running
   * transaction, and that transaction (from {@code pg_stat_activity}, or {@code pg_prepared_xacts} with pid 0).
   * Seeing other roles' sessions needs {@code pg_read_all_stats}; without it the blocker may be absent while
   * events are pending.
   */
  @Override
  public Horizon horizon() {
    return globalReader.horizon();
  }

  @Override
  public Optional<Position> checkpoint(String projection) {
    return checkpoints.checkpoint(projection);
  }

  /**
   * Tries {@code pg_try_advisory_lock} on a key hashed from the schema and the projection name, on a dedicated
   * connection; when granted, bumps the projection's fencing token and names the connection
   * {@code eventcore lead <schema>.<projection>} in pg_stat_activity. The lock lives as long as that connection:
   * closing the leadership, or the connection dying (process crash, {@code pg_terminate_backend}), releases it.
   */
  @Override
  public Optional<Leadership> tryLead(String projection) {
    return leaderElection.tryLead(projection);
  }

  /**
   * Registers a wake-up called after appends commit: for this store's own appends directly (on its notifier
   * thread, no NOTIFY involved); for other stores' and processes' appends on its listener thread, when their
   * coalesced NOTIFY arrives (at most {@link PostgresConfig#notifyInterval()} after their commit). Runners still
   * poll, so a lost notification costs at most their poll interval.
   */
  @Override
  public AutoCloseable onAppend(Runnable listener) {
    if (listener == null) {
      throw new InvalidInputException("listener must not be null");
    }
    return appendListener.add(listener);
  }

  /**
   * Stops the notifier thread (after a NOTIFY still due) and the LISTEN thread, closes the spare lock connections, removes the store's meters from the registry and
   * closes the pool this store opened; a DataSource passed in is left open.
   */
  @Override
  public void close() {
    appendNotifier.close();
    appendListener.close();
    leaderElection.close();
    metrics.close();
    connections.close();
  }

  @Override
  public String toString() {
    return "PostgresEventStore[" + (connections.ownsPool() ? config.url() : "external DataSource") + ", schema="
        + schema.name + ", isolation=" + config.isolation() + "]";
  }
}

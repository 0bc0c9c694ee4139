package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a schema to the latest of {@link Migrations}: each pending migration in its own transaction, under a
 * transaction-level advisory lock on the schema name, recorded in {@code eventcore_schema_migrations}.
 */
final class SchemaMigrator {
  private static final Logger log = LoggerFactory.getLogger(PostgresEventStore.class);

  /** Bounds the wait for the lock below, for this transaction only. Parameter: the timeout, e.g. {@code "60000ms"}. */
  private static final String SET_LOCK_TIMEOUT = "SELECT set_config('lock_timeout', ?, true)";
  /** Bounds each statement of this migration transaction. Parameter: the timeout. */
  private static final String SET_STATEMENT_TIMEOUT = "SELECT set_config('statement_timeout', ?, true)";
  /**
   * Serialises initializers of one schema across processes; a transaction-level lock, so it cannot leak.
   * Parameter: the schema name.
   */
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('eventcore.schema:' || ?, 0))";
  /** One row when the schema exists. Parameter: the schema name. */
  private static final String SCHEMA_EXISTS = "SELECT 1 FROM pg_namespace WHERE nspname = ?";

  private final Schema schema;
  private final Connections connections;
  private final Duration lockTimeout;
  private final Duration statementTimeout;
  private final Duration networkTimeout;
  private final List<Migrations.Migration> migrations;
  /** Creates the schema. No parameters. */
  private final String createSchemaSql;
  /** Creates the table of applied migrations when missing. No parameters. */
  private final String createMigrationsTableSql;
  /** The highest applied migration version, 0 for none. No parameters. */
  private final String currentVersionSql;
  /** Records an applied migration. Parameters: version, description. */
  private final String recordMigrationSql;

  SchemaMigrator(Schema schema, Connections connections, PostgresConfig config) {
    this.schema = schema;
    this.connections = connections;
    this.lockTimeout = config.initializeTimeout();
    // a migration may wait initializeTimeout for the lock and then run DDL: its statements and reads get that long
    // on top of the usual limits
    this.statementTimeout = lockTimeout.plus(config.statementTimeout());
    this.networkTimeout = lockTimeout.plus(config.socketTimeout());
    this.migrations = Migrations.of(schema);
    String table = schema.q + "." + Schema.MIGRATIONS_TABLE;
    this.createSchemaSql = "CREATE SCHEMA " + schema.q;
    this.createMigrationsTableSql = Migrations.createMigrationsTableSql(schema);
    this.currentVersionSql = "SELECT coalesce(max(version), 0) FROM " + table;
    this.recordMigrationSql = Migrations.recordMigrationSql(schema);
  }

  int latestVersion() {
    return migrations.get(migrations.size() - 1).version();
  }

  /** See {@link PostgresEventStore#initialize()}: transient failures are retried, on a new connection each time. */
  void initialize() {
    long started = System.nanoTime();
    connections.retrier().run(StoreOperation.INITIALIZE, () -> {
      try (Connection c = connections.borrow()) {
        c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, networkTimeout.toMillis()));
        migrate(c); // the pool restores the connection's network timeout when it is returned
      }
      return null;
    });
    log.debug("schema {} initialized in {} ms", schema.name, (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Applies the pending migrations on {@code c}, one transaction each, re-reading the applied version under the
   * lock before each. Transient failures are thrown as they are, for the retrier.
   */
  private void migrate(Connection c) throws SQLException {
    int major = c.getMetaData().getDatabaseMajorVersion();
    if (major < 13) {
      throw new StoreException(StoreOperation.INITIALIZE, "PostgreSQL 13 or newer is required (xid8,"
          + " pg_current_xact_id), the server is " + c.getMetaData().getDatabaseProductVersion());
    }
    c.setAutoCommit(false);
    while (true) {
      Migrations.Migration pending = null;
      int current = 0;
      try {
        lockSchema(c);
        current = ensureMigrationsTable(c);
        if (current >= latestVersion()) {
          c.commit();
          if (current > latestVersion()) {
            log.warn("schema {} is at version {}, newer than this library's {}; using it as is", schema.name,
                current, latestVersion());
          }
          return;
        }
        for (Migrations.Migration m : migrations) {
          if (m.version() > current) {
            pending = m;
            break;
          }
        }
        try (Statement st = c.createStatement()) {
          st.execute(pending.sql());
        }
        try (PreparedStatement ps = c.prepareStatement(recordMigrationSql)) {
          ps.setInt(1, pending.version());
          ps.setString(2, pending.description());
          ps.executeUpdate();
        }
        c.commit();
        log.info("schema {}: applied migration {} ({})", schema.name, pending.version(), pending.description());
      } catch (SQLException e) {
        Connections.rollbackQuietly(c);
        if ("55P03".equals(e.getSQLState())) {
          String message = "gave up after " + lockTimeout.toMillis() + " ms waiting for the"
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
        Connections.rollbackQuietly(c);
        throw e;
      }
    }
  }

  private void lockSchema(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SET_LOCK_TIMEOUT)) {
      ps.setString(1, lockTimeout.toMillis() + "ms");
      ps.execute();
    }
    try (PreparedStatement ps = c.prepareStatement(SET_STATEMENT_TIMEOUT)) {
      ps.setString(1, statementTimeout.toMillis() + "ms");
      ps.execute();
    }
    try (PreparedStatement ps = c.prepareStatement(LOCK)) {
      ps.setString(1, schema.name);
      ps.execute();
    }
  }

  /** Creates the schema and the migrations table when missing (under the lock); returns the applied version. */
  private int ensureMigrationsTable(Connection c) throws SQLException {
    boolean exists;
    try (PreparedStatement ps = c.prepareStatement(SCHEMA_EXISTS)) {
      ps.setString(1, schema.name);
      try (ResultSet rs = ps.executeQuery()) {
        exists = rs.next();
      }
    }
    try (Statement st = c.createStatement()) {
      if (!exists) {
        st.execute(createSchemaSql);
      }
      st.execute(createMigrationsTableSql);
      try (ResultSet rs = st.executeQuery(currentVersionSql)) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}

package org.eventcore.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the store's connections come from: the HikariCP pool it opens on {@link PostgresConfig#url()} (or the
 * application's DataSource), connections outside the pool for the long-lived sessions (LISTEN, advisory locks),
 * and the {@link Retrier} every operation runs its attempts through.
 */
final class Connections implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresEventStore.class);
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final PostgresConfig config;
  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final boolean setIsolationPerConnection;
  private final Retrier retrier;

  /** Opens a pool on the configured URL when {@code external} is null; otherwise borrows from {@code external}. */
  Connections(PostgresConfig config, DataSource external, StoreMetrics metrics) {
    this.config = config;
    this.retrier = new Retrier(config, metrics);
    if (external == null) {
      this.ownedPool = openPool(config, metrics);
      this.dataSource = ownedPool;
      this.setIsolationPerConnection = false;
    } else {
      this.ownedPool = null;
      this.dataSource = external;
      this.setIsolationPerConnection = config.isolation() != IsolationLevel.READ_COMMITTED;
    }
  }

  private static HikariDataSource openPool(PostgresConfig config, StoreMetrics metrics) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("eventcore-" + config.schema() + "-" + POOLS.incrementAndGet());
    hc.setDataSource(ConnectionProperties.dataSource(config));
    hc.setMaximumPoolSize(config.maxConnections());
    hc.setMinimumIdle(config.minConnections());
    hc.setConnectionTimeout(config.acquireTimeout().toMillis());
    hc.setInitializationFailTimeout(config.acquireTimeout().toMillis());
    hc.setAutoCommit(true);
    hc.setTransactionIsolation(config.isolation().hikariName());
    metrics.instrumentPool(hc);
    try {
      return new HikariDataSource(hc);
    } catch (HikariPool.PoolInitializationException | IllegalArgumentException | IllegalStateException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String why = cause instanceof SQLException s && s.getSQLState() != null
          ? "SQLSTATE " + s.getSQLState() + ": " + s.getMessage() : String.valueOf(cause.getMessage());
      log.error("cannot connect to {} as {}: {}", config.url(), config.user(), why);
      throw new StoreException(StoreOperation.CONNECT, "cannot connect to " + config.url() + " as "
          + config.user() + " within " + config.acquireTimeout().toMillis() + " ms (acquireTimeout; each attempt"
          + " bounded by loginTimeout " + config.loginTimeout().toMillis() + " ms): " + why, cause);
    }
  }

  Retrier retrier() {
    return retrier;
  }

  /** A pooled connection, in autocommit, at the pool's isolation level. */
  Connection borrow() throws SQLException {
    return dataSource.getConnection();
  }

  /**
   * A pooled connection for a write: on an application DataSource the configured isolation is set on it (a pool
   * the store opened has it already).
   */
  Connection borrowForWrite() throws SQLException {
    Connection c = dataSource.getConnection();
    if (setIsolationPerConnection) {
      c.setTransactionIsolation(config.isolation().jdbcLevel());
    }
    return c;
  }

  /** Whether {@link #openDedicated()} opens its own session (a URL is configured) rather than pinning a pooled one. */
  boolean dedicatedSessions() {
    return config.url() != null;
  }

  /** A connection outside the pool: from the configured URL, or pinned from the application's DataSource. */
  Connection openDedicated() throws SQLException {
    if (config.url() == null) {
      Connection c = dataSource.getConnection();
      c.setAutoCommit(true);
      return c;
    }
    return ConnectionProperties.open(config);
  }

  /** Whether the connections come from a pool this store opened (and closes). */
  boolean ownsPool() {
    return ownedPool != null;
  }

  static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool evicts it
    }
  }

  /** Closes the pool this store opened; a DataSource passed in is left open. */
  @Override
  public void close() {
    if (ownedPool != null) {
      ownedPool.close();
    }
  }
}

package org.eventcore.postgres;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.internal.TransientSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries transient database failures with Failsafe: exponential backoff with jitter, a bounded number of
 * retries, a warning per retry. Transient: connection errors (SQLSTATE class 08, I/O failures), serialization
 * failure 40001, deadlock 40P01, admin/crash shutdown and cannot-connect-now 57P01..57P03, too many connections
 * 53300. Everything else (including version conflicts and a pool that stays exhausted for the whole acquire
 * timeout) goes up at once.
 */
final class Retrier {
  private static final Logger log = LoggerFactory.getLogger(PostgresEventStore.class);

  /** Thrown inside an attempt to ask for a retry. */
  static final class Transient extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final StoreOperation operation;
    final String cause;

    Transient(StoreOperation operation, SQLException e) {
      super(e.getMessage(), e);
      this.operation = operation;
      this.cause = causeTag(e);
    }
  }

  /** One attempt; throws SQLException, which is classified. */
  interface Attempt<T> {
    T run() throws SQLException;
  }

  private final FailsafeExecutor<Object> failsafe;
  private final int maxRetries;
  private final String poolHint;
  private final long statementTimeoutMillis;
  private final long socketTimeoutMillis;

  Retrier(PostgresConfig config, StoreMetrics metrics) {
    this.maxRetries = config.maxRetries();
    this.statementTimeoutMillis = config.statementTimeout().toMillis();
    this.socketTimeoutMillis = config.socketTimeout().toMillis();
    this.poolHint = "pool of " + config.maxConnections() + " connections, acquire timeout "
        + config.acquireTimeout().toMillis() + " ms";
    RetryPolicy<Object> policy = RetryPolicy.builder()
        .handle(Transient.class)
        .withMaxRetries(config.maxRetries())
        .withBackoff(config.retryInitialDelay(), config.retryMaxDelay())
        .withJitter(0.25)
        .onRetry(e -> {
          Transient t = (Transient) e.getLastException();
          metrics.retried(t.operation, t.cause);
          log.warn("{}: transient failure (SQLSTATE {}), retry {} of {}: {}", t.operation.label(), t.cause,
              e.getAttemptCount(), config.maxRetries(), firstLine(t.getMessage()));
        })
        .build();
    this.failsafe = Failsafe.with(policy);
  }

  /**
   * Runs the attempt, retrying transient failures. {@code retryable} is asked on each failure whether a retry is
   * still safe (e.g. a read that already handed events to its consumer is not).
   */
  <T> T run(StoreOperation operation, java.util.function.BooleanSupplier retryable, Attempt<T> attempt) {
    try {
      return failsafe.get(() -> {
        try {
          return attempt.run();
        } catch (SQLException e) {
          boolean transientFailure = isTransient(e);
          if (transientFailure && retryable.getAsBoolean()) {
            throw new Transient(operation, e);
          }
          // transient but not retried here (a consumer saw events): the caller may run the operation again
          throw storeFailure(operation, e, 1, transientFailure);
        }
      });
    } catch (Transient t) {
      throw storeFailure(operation, (SQLException) t.getCause(), maxRetries + 1);
    }
  }

  <T> T run(StoreOperation operation, Attempt<T> attempt) {
    return run(operation, () -> true, attempt);
  }

  static boolean isTransient(SQLException e) {
    if (isPoolExhausted(e)) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        if (TransientSql.isTransientState(s.getSQLState())) { // the SQLSTATEs the projection runner uses too
          return true;
        }
      }
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** Hikari's acquire timeout with no connection error behind it: every connection was busy. */
  static boolean isPoolExhausted(SQLException e) {
    return e instanceof SQLTransientConnectionException && e.getSQLState() == null
        && e.getMessage() != null && e.getMessage().contains("Connection is not available");
  }

  StoreException storeFailure(StoreOperation operation, SQLException e, int attempts) {
    return storeFailure(operation, e, attempts, false);
  }

  StoreException storeFailure(StoreOperation operation, SQLException e, int attempts, boolean retryable) {
    if (isPoolExhausted(e)) {
      return new StoreException(operation, "no database connection became available in time (" + poolHint
          + "): every connection is in use; raise maxConnections or acquireTimeout, or close EventStreams that are"
          + " no longer read (" + e.getMessage() + ")", e);
    }
    String state = e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ": ";
    String tries = attempts > 1 ? " (after " + attempts + " attempts)" : "";
    return new StoreException(operation, state + e.getMessage() + limitHit(e) + tries
        + (retryable ? " (transient, after events were handed to the consumer: the caller may retry)" : ""), e,
        retryable);
  }

  /** Names the time limit that ended the attempt, when one did. */
  private String limitHit(SQLException e) {
    if ("57014".equals(e.getSQLState())) {
      return " (the statement ran into statementTimeout " + statementTimeoutMillis + " ms)";
    }
    if (e instanceof SQLTransientConnectionException && e.getMessage() != null
        && e.getMessage().contains("Connection is not available")) {
      // the pool's acquire timeout ended the wait while new connections could not be opened
      return " (no connection could be opened within the " + poolHint + ")";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.SocketTimeoutException) {
        return " (the server did not answer within socketTimeout " + socketTimeoutMillis + " ms)";
      }
    }
    return "";
  }

  /** PostgreSQL appends "Where: ..." context lines; a retry warning needs only the first. */
  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static String causeTag(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
      if (t instanceof IOException) {
        return "io";
      }
    }
    return "unknown";
  }
}

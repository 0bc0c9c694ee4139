package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.projection.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lead of one projection: a session advisory lock held by a dedicated connection, and the fencing token
 * bumped when it was granted. Checkpoints are written only {@code WHERE fencing_token = ours}, so a leader whose
 * lock was lost (connection killed, network cut) cannot commit once a successor has taken over.
 */
final class PgLeadership implements Leadership {
  private static final Logger log = LoggerFactory.getLogger(PostgresEventStore.class);
  /** How often {@link #isHeld()} may ask the server whether the lock connection is alive. */
  private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

  /** Releases the lock {@link LeaderElection} took. Parameter: the lock key. */
  private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtextextended(?, 0))";

  private final Connections connections;
  private final Checkpoints checkpoints;
  private final String projection;
  private final String lockKey;
  private final long token;
  private final Connection lockConnection;
  private final boolean dedicated;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean lost;
  private volatile long lastCheck = System.nanoTime();

  PgLeadership(Connections connections, Checkpoints checkpoints, String projection, String lockKey, long token,
      Connection lockConnection, boolean dedicated) {
    this.connections = connections;
    this.checkpoints = checkpoints;
    this.projection = projection;
    this.lockKey = lockKey;
    this.token = token;
    this.lockConnection = lockConnection;
    this.dedicated = dedicated;
  }

  @Override
  public String projection() {
    return projection;
  }

  @Override
  public long fencingToken() {
    return token;
  }

  /** False once closed, fenced out, or once the lock connection is found dead (checked at most once a second). */
  @Override
  public boolean isHeld() {
    if (closed.get() || lost) {
      return false;
    }
    long now = System.nanoTime();
    if (now - lastCheck >= CHECK_INTERVAL_NANOS) {
      lastCheck = now;
      synchronized (lockConnection) {
        try {
          if (!lockConnection.isValid(2)) {
            markLost("its lock connection is gone");
          }
        } catch (SQLException e) {
          markLost("its lock connection failed: " + e.getMessage());
        }
      }
    }
    return !lost && !closed.get();
  }

  private void markLost(String why) {
    if (!lost) {
      lost = true;
      log.warn("projection '{}' lost its lead (fencing token {}): {}", projection, token, why);
    }
  }

  @Override
  public void saveCheckpoint(Position position) {
    int rows = connections.retrier().run(StoreOperation.CHECKPOINT, () -> {
      try (Connection c = connections.borrow()) {
        return fencedUpdate(c, position);
      }
    });
    if (rows == 0) {
      throw deposed(position);
    }
  }

  @Override
  public void inTransaction(Position checkpoint, TransactionalWork work) throws Exception {
    transaction(null, checkpoint, work);
  }

  @Override
  public void inTransaction(Optional<Position> from, Position to, TransactionalWork work) throws Exception {
    transaction(from, to, work);
  }

  /** The work and the checkpoint in one transaction; conditional on the stored checkpoint when from is not null. */
  private void transaction(Optional<Position> from, Position checkpoint, TransactionalWork work) throws Exception {
    try (Connection c = connections.borrow()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        work.run(c);
        int rows;
        try {
          rows = from == null ? fencedUpdate(c, checkpoint)
              : checkpoints.saveFencedFrom(c, projection, token, from, checkpoint);
          if (rows == 0 && from != null && checkpoints.isCurrent(c, projection, token)) {
            String stored = checkpoints.describe(c, projection);
            throw new StoreException(StoreOperation.CHECKPOINT, "projection '" + projection + "': the batch to "
                + checkpoint + " started from checkpoint " + from.map(Position::toString).orElse("none")
                + ", but the store holds " + stored + " (an earlier run of this batch committed although its"
                + " acknowledgement was lost); nothing of this run was committed: re-read the checkpoint", null, true);
          }
        } catch (SQLException e) {
          throw new StoreException(StoreOperation.CHECKPOINT, "saving checkpoint " + checkpoint + " of projection '"
              + projection + "' failed: SQLSTATE " + e.getSQLState() + ": " + e.getMessage(), e);
        }
        if (rows == 0) {
          throw deposed(checkpoint);
        }
        c.commit();
      } catch (Exception | Error e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      } finally {
        try {
          c.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
          // a broken connection; the pool evicts it
        }
      }
    }
  }

  private int fencedUpdate(Connection c, Position position) throws SQLException {
    return checkpoints.saveFenced(c, projection, token, position);
  }

  private StoreException deposed(Position position) {
    markLost("a newer leader holds a higher fencing token");
    return new StoreException(StoreOperation.LEADERSHIP, "projection '" + projection + "' leadership with fencing"
        + " token " + token + " is no longer current; checkpoint " + position + " not saved");
  }

  /** Releases the lock and closes the dedicated connection; a dead connection released it already. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean releasedCleanly = false;
    synchronized (lockConnection) {
      try (PreparedStatement ps = lockConnection.prepareStatement(UNLOCK)) {
        ps.setString(1, lockKey);
        ps.execute();
        releasedCleanly = true;
      } catch (SQLException e) {
        log.debug("projection '{}': unlocking failed ({}); closing the connection releases the lock", projection,
            e.getMessage());
      }
      try {
        if (!releasedCleanly && !dedicated) {
          // a connection of the application's pool must not go back to it still holding the lock
          lockConnection.abort(Runnable::run);
        }
        lockConnection.close();
      } catch (SQLException ignored) {
        // closed anyway
      }
    }
  }

  @Override
  public String toString() {
    return "PgLeadership[" + projection + ", token " + token + (lost ? ", lost" : "") + (closed.get() ? ", closed" : "")
        + "]";
  }
}

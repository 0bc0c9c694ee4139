package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.internal.Validation;
import org.eventcore.runtime.projection.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grants the lead of a projection: a session advisory lock on a connection of its own, a bumped fencing token, a
 * {@link PgLeadership} that holds both. Keeps a few lock connections of refused attempts for the next try.
 */
final class LeaderElection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresEventStore.class);
  private static final int MAX_SPARES = 4;

  /**
   * Tries the session advisory lock of a projection; a stable 64-bit key per (schema, projection), a collision
   * only makes two names share one lock. Parameter: the lock key. One row: whether it was granted.
   */
  private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtextextended(?, 0))";
  /** Names the session in pg_stat_activity, for the rest of the session. Parameter: the name. */
  private static final String SET_APPLICATION_NAME = "SELECT set_config('application_name', ?, false)";

  private final Schema schema;
  private final Connections connections;
  private final Checkpoints checkpoints;
  private final Deque<Connection> spareLockConnections = new ArrayDeque<>();

  LeaderElection(Schema schema, Connections connections, Checkpoints checkpoints) {
    this.schema = schema;
    this.connections = connections;
    this.checkpoints = checkpoints;
  }

  /** See {@link PostgresEventStore#tryLead}. */
  Optional<Leadership> tryLead(String projection) {
    Validation.projectionName(projection);
    String key = "eventcore.projection:" + schema.name + ":" + projection;
    return connections.retrier().run(StoreOperation.LEADERSHIP, () -> {
      boolean dedicated = connections.dedicatedSessions();
      Connection c = takeLockConnection();
      boolean handedOver = false;
      try {
        boolean granted;
        try (PreparedStatement ps = c.prepareStatement(TRY_LOCK)) {
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
        long token = checkpoints.nextFencingToken(c, projection);
        if (dedicated) {
          try (PreparedStatement ps = c.prepareStatement(SET_APPLICATION_NAME)) {
            ps.setString(1, "eventcore lead " + schema.name + "." + projection);
            ps.execute();
          }
        }
        handedOver = true;
        log.debug("projection '{}': lead granted, fencing token {}", projection, token);
        return Optional.<Leadership>of(new PgLeadership(connections, checkpoints, projection, key, token, c,
            dedicated));
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

  /** A lock connection: a spare one left by an earlier refused attempt (standbys retry often), or a new one. */
  private Connection takeLockConnection() throws SQLException {
    if (connections.dedicatedSessions()) {
      synchronized (spareLockConnections) {
        Connection spare = spareLockConnections.pollFirst();
        if (spare != null) {
          return spare;
        }
      }
    }
    return connections.openDedicated();
  }

  /** Keeps a dedicated connection that holds no lock for the next attempt; returns whether it was kept. */
  private boolean keepSpare(Connection c, boolean dedicated) {
    if (!dedicated) {
      return false;
    }
    synchronized (spareLockConnections) {
      if (spareLockConnections.size() < MAX_SPARES) {
        spareLockConnections.addLast(c);
        return true;
      }
    }
    return false;
  }

  /** Closes the spare lock connections; leaderships granted stay theirs to close. */
  @Override
  public void close() {
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
  }
}

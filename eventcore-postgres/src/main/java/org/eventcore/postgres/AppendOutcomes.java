package org.eventcore.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eventcore.runtime.AppendOutcomeUnknownException;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.store.AppendResult;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves an append whose every attempt failed and at least one of them lost its connection after the append
 * was sent (so it may have committed). On a fresh pooled connection, bounded by the acquire and statement time
 * limits: first each such attempt's backend is fenced (terminated with {@code pg_terminate_backend} if it still
 * exists, and waited for, so that it cannot commit later), then the append's event ids are looked up. All stored:
 * the append succeeded, and its result is returned. None stored and every backend fenced: nothing was written, and
 * the original failure is thrown. Otherwise (the check failed, a backend could not be fenced):
 * {@link AppendOutcomeUnknownException} with the event ids.
 *
 * <p>Fencing by process id may, if PostgreSQL reused the id within the moment since the failure, terminate another
 * session of the same database user; that session sees a connection loss, which the store retries.
 */
final class AppendOutcomes {
  private static final Logger log = LoggerFactory.getLogger(PostgresEventStore.class);
  private static final long FENCE_WAIT_MILLIS = 2_000;

  private final Connections connections;
  private final String storedSql;

  AppendOutcomes(Schema schema, Connections connections) {
    this.connections = connections;
    this.storedSql = "SELECT stream_id, max(version), count(*) FROM " + schema.q + ".events"
        + " WHERE event_id = ANY (?::uuid[]) GROUP BY stream_id";
  }

  /** The backend process id of a connection, or 0 when it cannot be told (an application DataSource's wrapper). */
  static int backendPid(Connection c) {
    try {
      return c.unwrap(PGConnection.class).getBackendPID();
    } catch (SQLException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * Whether a failed attempt may have committed: its connection broke (SQLSTATE class 08, an I/O failure, the
   * backend was shut down) rather than the server rejecting the statement, which rolls it back.
   */
  static boolean mayHaveCommitted(SQLException e) {
    if (!Retrier.isTransient(e)) {
      return false;
    }
    String state = e.getSQLState();
    return state == null || !(state.equals("40001") || state.equals("40P01") || state.equals("53300")
        || state.equals("57P03"));
  }

  Appender.Outcome resolve(UUID[] ids, List<StreamId> streams, Long[] expected, List<Integer> backends,
      StoreException failure) {
    String why;
    try (Connection c = connections.borrow()) {
      boolean fenced = true;
      for (int pid : backends) {
        fenced &= fence(c, pid);
      }
      Map<StreamId, Long> written = new LinkedHashMap<>();
      long stored = 0;
      try (PreparedStatement ps = c.prepareStatement(storedSql)) {
        Array array = c.createArrayOf("uuid", ids);
        ps.setArray(1, array);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            written.put(StreamId.of(rs.getString(1)), rs.getLong(2));
            stored += rs.getLong(3);
          }
        }
      }
      if (stored == ids.length) {
        log.warn("append of {} event(s) to {}: its acknowledgement was lost, and its events were found stored",
            ids.length, streams);
        Map<StreamId, Long> versions = new LinkedHashMap<>();
        for (int i = 0; i < streams.size(); i++) {
          versions.put(streams.get(i), written.getOrDefault(streams.get(i), expected[i]));
        }
        return new Appender.Outcome(new AppendResult(versions), false);
      }
      if (stored == 0 && fenced) {
        log.debug("append of {} event(s) to {}: checked, nothing was stored", ids.length, streams);
        throw failure;
      }
      why = stored == 0 ? "a backend that received it could not be stopped" : stored + " of " + ids.length
          + " events stored, which no append does";
    } catch (SQLException | RuntimeException e) {
      if (e == failure) {
        throw failure;
      }
      why = "the check failed too: " + (e instanceof SQLException s && s.getSQLState() != null
          ? "SQLSTATE " + s.getSQLState() + ": " : "") + Retrier.firstLine(e.getMessage());
    }
    throw new AppendOutcomeUnknownException(Arrays.asList(ids), streams, why, failure);
  }

  /** Terminates the backend if it still runs and waits until it is gone; false when it is still there. */
  private static boolean fence(Connection c, int pid) throws SQLException {
    if (pid == 0) {
      return false;
    }
    long deadline = System.nanoTime() + FENCE_WAIT_MILLIS * 1_000_000;
    try (PreparedStatement terminate = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        + " WHERE pid = ? AND usename = current_user AND pid <> pg_backend_pid()");
        PreparedStatement exists = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?"
            + " AND usename = current_user AND pid <> pg_backend_pid()")) {
      terminate.setInt(1, pid);
      terminate.execute();
      exists.setInt(1, pid);
      while (true) {
        try (ResultSet rs = exists.executeQuery()) {
          rs.next();
          if (rs.getLong(1) == 0) {
            return true;
          }
        }
        if (System.nanoTime() - deadline > 0) {
          return false;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }
}

package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.NoSuchElementException;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.store.EventStream;

/**
 * One stream read through a server-side cursor: rows arrive {@code fetchSize} at a time on a connection held until
 * the last row has been read or {@link #close()} is called, whichever comes first.
 */
final class PgEventStream implements EventStream {
  private final StreamId stream;
  private Connection connection;
  private PreparedStatement statement;
  private ResultSet rows;
  private StoredEvent next;
  private boolean done;

  PgEventStream(StreamId stream, Connection connection, PreparedStatement statement, ResultSet rows) {
    this.stream = stream;
    this.connection = connection;
    this.statement = statement;
    this.rows = rows;
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (done) {
      return false;
    }
    try {
      if (rows.next()) {
        next = Rows.event(rows, 1, stream);
        return true;
      }
    } catch (SQLException e) {
      close();
      throw new StoreException(StoreOperation.READ_STREAM, "reading stream '" + stream + "' failed: SQLSTATE "
          + e.getSQLState() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    close();
    return false;
  }

  @Override
  public StoredEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException("stream '" + stream + "' has no more events");
    }
    StoredEvent e = next;
    next = null;
    return e;
  }

  @Override
  public void close() {
    if (done) {
      return;
    }
    done = true;
    try {
      if (rows != null) {
        rows.close();
      }
      if (statement != null) {
        statement.close();
      }
      if (!connection.isClosed()) {
        connection.rollback(); // read-only: nothing to keep
      }
    } catch (SQLException e) {
      // the pool returns or evicts the connection either way; nothing the reader could do
    } finally {
      rows = null;
      statement = null;
      try {
        connection.close();
      } catch (SQLException e) {
        // as above
      }
      connection = null;
    }
  }
}

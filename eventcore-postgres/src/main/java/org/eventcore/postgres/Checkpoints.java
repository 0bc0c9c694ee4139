package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.internal.Validation;

/** The rows of {@code projection_checkpoints}: a projection's checkpoint, its fencing token, fenced writes. */
final class Checkpoints {
  private final Connections connections;
  /**
   * A projection's checkpoint, when one was saved. Parameter: projection name. Rows (at most one): tx_id as text,
   * position.
   */
  private final String checkpointSql;
  /**
   * Bumps a projection's fencing token (creating its row with token 1, and no checkpoint, the first time).
   * Parameter: projection name. One row: the new token.
   */
  private final String fenceSql;
  /**
   * Saves a checkpoint if the caller's fencing token is still the current one. Parameters: tx_id as text,
   * position, projection name, fencing token. Updates one row, or none when a newer leader holds the projection.
   */
  private final String saveCheckpointSql;
  /** {@link #saveCheckpointSql} also conditional on the stored checkpoint. Extra parameters: from tx, position. */
  private final String saveCheckpointFromSql;
  /** Fencing token, tx id and position of a projection. Parameter: projection name. */
  private final String describeSql;

  Checkpoints(Schema schema, Connections connections) {
    this.connections = connections;
    this.checkpointSql = "SELECT tx_id::text, position FROM " + schema.q + ".projection_checkpoints"
        + " WHERE projection = ? AND position IS NOT NULL";
    this.fenceSql = "INSERT INTO " + schema.q + ".projection_checkpoints AS c (projection, fencing_token)"
        + " VALUES (?, 1) ON CONFLICT (projection) DO UPDATE SET fencing_token = c.fencing_token + 1,"
        + " updated_at = now() RETURNING c.fencing_token";
    this.saveCheckpointSql = "UPDATE " + schema.q + ".projection_checkpoints SET tx_id = ?::text::xid8,"
        + " position = ?, updated_at = now() WHERE projection = ? AND fencing_token = ?";
    this.saveCheckpointFromSql = saveCheckpointSql + " AND tx_id IS NOT DISTINCT FROM ?::text::xid8"
        + " AND position IS NOT DISTINCT FROM ?";
    this.describeSql = "SELECT fencing_token, tx_id::text, position FROM " + schema.q + ".projection_checkpoints"
        + " WHERE projection = ?";
  }

  /** See {@link PostgresEventStore#checkpoint}. */
  Optional<Position> checkpoint(String projection) {
    Validation.projectionName(projection);
    return connections.retrier().run(StoreOperation.CHECKPOINT, () -> {
      try (Connection c = connections.borrow(); PreparedStatement ps = c.prepareStatement(checkpointSql)) {
        ps.setString(1, projection);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new Position(Long.parseUnsignedLong(rs.getString(1)), rs.getLong(2)))
              : Optional.<Position>empty();
        }
      }
    });
  }

  /** Bumps and returns the projection's fencing token, on {@code c}. */
  long nextFencingToken(Connection c, String projection) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(fenceSql)) {
      ps.setString(1, projection);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Saves {@code to} on {@code c} if {@code token} is current and the stored checkpoint is {@code from} (none when
   * empty); returns the rows updated (0: deposed, or the checkpoint moved). The UPDATE waits for a transaction
   * that holds the row, so an earlier run of the same batch still committing is seen.
   */
  int saveFencedFrom(Connection c, String projection, long token, Optional<Position> from, Position to)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(saveCheckpointFromSql)) {
      ps.setString(1, Long.toUnsignedString(to.transactionId()));
      ps.setLong(2, to.sequence());
      ps.setString(3, projection);
      ps.setLong(4, token);
      ps.setString(5, from.map(p -> Long.toUnsignedString(p.transactionId())).orElse(null));
      if (from.isPresent()) {
        ps.setLong(6, from.get().sequence());
      } else {
        ps.setNull(6, java.sql.Types.BIGINT);
      }
      return ps.executeUpdate();
    }
  }

  /** The stored fencing token and checkpoint, on {@code c}; for explaining a conditional save that saved nothing. */
  String describe(Connection c, String projection) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(describeSql)) {
      ps.setString(1, projection);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? "fencing token " + rs.getLong(1) + ", checkpoint " + (rs.getString(2) == null ? "none"
            : new Position(Long.parseUnsignedLong(rs.getString(2)), rs.getLong(3)).toString()) : "no row";
      }
    }
  }

  /** Whether {@code token} is still the projection's current fencing token, on {@code c}. */
  boolean isCurrent(Connection c, String projection, long token) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(describeSql)) {
      ps.setString(1, projection);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getLong(1) == token;
      }
    }
  }

  /** Saves {@code position} on {@code c} if {@code token} is current; returns the rows updated (0: deposed). */
  int saveFenced(Connection c, String projection, long token, Position position) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(saveCheckpointSql)) {
      ps.setString(1, Long.toUnsignedString(position.transactionId()));
      ps.setLong(2, position.sequence());
      ps.setString(3, projection);
      ps.setLong(4, token);
      return ps.executeUpdate();
    }
  }
}

package org.eventcore.postgres;

import java.sql.Connection;

/**
 * The transaction isolation appends run at. Both levels give the same guarantees for appends (no lost update,
 * no write skew across the streams a command read) because every stream head of a command is locked in sorted
 * order and compare-and-set before anything is inserted; see docs/POSTGRES.md for the measurement behind the
 * default.
 */
public enum IsolationLevel {
  /** The default: head locks make it as safe as {@link #SERIALIZABLE} for appends, with fewer retries. */
  READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED, "TRANSACTION_READ_COMMITTED"),
  /**
   * PostgreSQL's serializable snapshot isolation on top of the same head locks, as the original specification
   * asks. Serialization failures (SQLSTATE 40001) are retried by the store.
   */
  SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE, "TRANSACTION_SERIALIZABLE");

  private final int jdbcLevel;
  private final String hikariName;

  IsolationLevel(int jdbcLevel, String hikariName) {
    this.jdbcLevel = jdbcLevel;
    this.hikariName = hikariName;
  }

  int jdbcLevel() {
    return jdbcLevel;
  }

  String hikariName() {
    return hikariName;
  }

  /** Parses {@code read_committed} / {@code serializable} (case and '-' / '_' / ' ' insensitive), or null. */
  static IsolationLevel parse(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (IsolationLevel level : values()) {
      if (level.name().equals(v)) {
        return level;
      }
    }
    return null;
  }
}

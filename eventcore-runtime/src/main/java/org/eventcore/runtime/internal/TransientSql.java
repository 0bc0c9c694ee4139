package org.eventcore.runtime.internal;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Which SQL failures are transient, for every part that decides whether to retry: the PostgreSQL store's retrier
 * and the projection runner (a handler's failure inside the store's transaction that is really the store's).
 * Transient: connection errors (SQLSTATE class 08), serialization failure 40001, deadlock 40P01, admin/crash
 * shutdown and cannot-connect-now 57P01..57P03, too many connections 53300.
 */
public final class TransientSql {
  private static final Set<String> STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

  private TransientSql() {}

  /** Whether the SQLSTATE is one of the transient ones. */
  public static boolean isTransientState(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || STATES.contains(sqlState));
  }

  /** Whether {@code t} or one of its causes is an SQLException of a transient kind. */
  public static boolean isTransient(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException s && (isTransientState(s.getSQLState())
          || s instanceof SQLRecoverableException || s instanceof SQLTransientConnectionException)) {
        return true;
      }
    }
    return false;
  }
}

package org.eventcore.examples.spring;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eventcore.examples.bank.SqlBalances;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Queries over the two SQL read models (balances, history) kept by the projections; creates their tables at
 * start-up, before the projections run. Reads are eventually consistent: a command's events appear once its
 * projections have caught up (normally milliseconds after the commit).
 */
public final class ReadModel {
  private final JdbcTemplate jdbc;
  private final String schema;

  public ReadModel(DataSource dataSource, String schema) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.schema = schema;
    try (Connection c = dataSource.getConnection()) {
      SqlBalances.createTable(c, schema);
      AccountHistory.createTable(c, schema);
    } catch (SQLException e) {
      throw new StoreException(StoreOperation.INITIALIZE, "creating the read model tables failed: SQLSTATE "
          + e.getSQLState() + ": " + e.getMessage(), e);
    }
  }

  /** An account's balance and the number of its deposits and withdrawals. */
  public record Balance(String account, long balanceCents, long entries) {}

  /** One deposit (positive) or withdrawal (negative). */
  public record Entry(long version, long amountCents, UUID transferId, UUID correlationId, Instant recordedAt) {}

  public Optional<Balance> balance(String account) {
    return jdbc.query("SELECT account, balance_cents, entries FROM \"" + schema + "\".bank_balances WHERE account = ?",
        (rs, n) -> new Balance(rs.getString(1), rs.getLong(2), rs.getLong(3)), account).stream().findFirst();
  }

  public List<Entry> history(String account) {
    return jdbc.query("SELECT version, amount_cents, transfer_id, correlation_id, recorded_at FROM \"" + schema
        + "\".bank_history WHERE account = ? ORDER BY version", (rs, n) -> new Entry(rs.getLong(1), rs.getLong(2),
        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getTimestamp(5).toInstant()), account);
  }

  /** Every account's balance, for the test's conservation check. */
  public List<Balance> balances() {
    return jdbc.query("SELECT account, balance_cents, entries FROM \"" + schema + "\".bank_balances ORDER BY account",
        (rs, n) -> new Balance(rs.getString(1), rs.getLong(2), rs.getLong(3)));
  }
}

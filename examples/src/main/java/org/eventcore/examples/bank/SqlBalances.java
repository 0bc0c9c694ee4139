package org.eventcore.examples.bank;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.eventcore.annotations.Projection;
import org.eventcore.examples.bank.BankEvent.AccountOpened;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.examples.bank.BankEvent.MoneyWithdrawn;
import org.eventcore.runtime.projection.EventEnvelope;

/**
 * A read model in PostgreSQL, written exactly once: run transactionally, each batch's writes go through
 * {@link EventEnvelope#transaction()} and commit together with the projection's checkpoint, so no event is
 * counted twice even across crashes and leader changes.
 */
@Projection(name = "bank-balances-sql")
public final class SqlBalances {
  private final String table;

  /** Writes to {@code <schema>.bank_balances}; create it with {@link #createTable}. */
  public SqlBalances(String schema) {
    this.table = '"' + schema + "\".bank_balances";
  }

  /** Creates the read model's table if it does not exist. */
  public static void createTable(Connection connection, String schema) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS \"" + schema + "\".bank_balances (account VARCHAR(255) PRIMARY KEY,"
          + " balance_cents BIGINT NOT NULL, entries INT NOT NULL)");
    }
  }

  void on(AccountOpened e, EventEnvelope envelope) throws SQLException {
    String sql = "INSERT INTO " + table + " (account, balance_cents, entries) VALUES (?, 0, 0)"
        + " ON CONFLICT (account) DO NOTHING";
    try (PreparedStatement ps = envelope.transaction().prepareStatement(sql)) {
      ps.setString(1, e.account().value());
      ps.executeUpdate();
    }
  }

  void on(MoneyDeposited e, EventEnvelope envelope) throws SQLException {
    move(envelope.transaction(), e.account().value(), e.amountCents());
  }

  void on(MoneyWithdrawn e, EventEnvelope envelope) throws SQLException {
    move(envelope.transaction(), e.account().value(), -e.amountCents());
  }

  private void move(Connection transaction, String account, long cents) throws SQLException {
    String sql = "UPDATE " + table + " SET balance_cents = balance_cents + ?, entries = entries + 1 WHERE account = ?";
    try (PreparedStatement ps = transaction.prepareStatement(sql)) {
      ps.setLong(1, cents);
      ps.setString(2, account);
      if (ps.executeUpdate() != 1) {
        throw new SQLException("account " + account + " has no row in " + table + ": its AccountOpened was not seen");
      }
    }
  }
}

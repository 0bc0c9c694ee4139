package org.eventcore.examples.spring;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.eventcore.annotations.Projection;
import org.eventcore.examples.bank.BankEvent.AccountOpened;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.examples.bank.BankEvent.MoneyWithdrawn;
import org.eventcore.runtime.projection.EventEnvelope;

/**
 * The history read model in PostgreSQL: one row per deposit or withdrawal of an account, with the correlation id
 * of the request that caused it. Run transactionally ({@code eventcore.projections.bank-history-sql.transactional
 * =true}): rows commit with the projection's checkpoint, so each event is recorded exactly once. Balances come from
 * the bank example's {@link org.eventcore.examples.bank.SqlBalances}, run the same way.
 */
@Projection(name = "bank-history-sql")
public final class AccountHistory {
  private final String table;

  /** Writes to {@code <schema>.bank_history}; create it with {@link #createTable}. */
  public AccountHistory(String schema) {
    this.table = '"' + schema + "\".bank_history";
  }

  /** Creates the read model's table if it does not exist. */
  public static void createTable(Connection connection, String schema) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS \"" + schema + "\".bank_history (account VARCHAR(255) NOT NULL,"
          + " version BIGINT NOT NULL, amount_cents BIGINT NOT NULL, transfer_id UUID, correlation_id UUID,"
          + " recorded_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (account, version))");
    }
  }

  void on(AccountOpened e) {
    // opening moves no money; the balances read model records the account
  }

  void on(MoneyDeposited e, EventEnvelope envelope) throws SQLException {
    insert(envelope, e.account().value(), e.amountCents(), e.transferId());
  }

  void on(MoneyWithdrawn e, EventEnvelope envelope) throws SQLException {
    insert(envelope, e.account().value(), -e.amountCents(), e.transferId());
  }

  private void insert(EventEnvelope envelope, String account, long cents, Optional<UUID> transferId)
      throws SQLException {
    String sql = "INSERT INTO " + table + " (account, version, amount_cents, transfer_id, correlation_id, recorded_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = envelope.transaction().prepareStatement(sql)) {
      ps.setString(1, account);
      ps.setLong(2, envelope.version());
      ps.setLong(3, cents);
      ps.setObject(4, transferId.orElse(null));
      ps.setObject(5, envelope.metadata().correlationId());
      ps.setTimestamp(6, Timestamp.from(envelope.recordedAt()));
      ps.executeUpdate();
    }
  }
}

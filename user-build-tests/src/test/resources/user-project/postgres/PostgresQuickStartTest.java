package org.eventcore.examples.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresStoreExtension;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's PostgreSQL set-up: the store and its test helpers, on the PostgreSQL 17 the README promises. */
class PostgresQuickStartTest {
  @RegisterExtension
  static final PostgresStoreExtension DB = PostgresStoreExtension.newSchema("user_project");

  @Test
  void commandsRunOnEmbeddedPostgreSql17() throws Exception {
    PostgresEventStore store = DB.store();
    CommandExecutor executor = new CommandExecutor(store);
    StreamId a = StreamId.of("account-a");
    executor.execute(new OpenAccount(a, "Ann"));
    executor.execute(new Deposit(a, 10_000));
    assertEquals(3, executor.execute(new Withdraw(a, 2_500)).versionOf(a));
    try (Connection c = PostgresTestDatabase.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW server_version")) {
      rs.next();
      assertTrue(rs.getString(1).startsWith("17."), "server version " + rs.getString(1));
    }
  }
}

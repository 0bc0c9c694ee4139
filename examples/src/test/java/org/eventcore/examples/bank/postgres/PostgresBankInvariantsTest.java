package org.eventcore.examples.bank.postgres;

import org.eventcore.examples.bank.BankInvariantsContract;
import org.eventcore.runtime.EventStore;
import org.eventcore.runtime.postgres.PostgresEventStore;
import org.eventcore.testing.postgres.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bank invariants under 16 threads of transfers, on PostgreSQL at READ COMMITTED (the default). */
class PostgresBankInvariantsTest extends BankInvariantsContract {
  private static PostgresEventStore store;

  @BeforeAll
  static void open() {
    store = new PostgresEventStore(PostgresTestDatabase.newSchema("bank_rc").maxConnections(16).build());
    store.initialize();
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Override
  protected EventStore store() {
    return store;
  }
}

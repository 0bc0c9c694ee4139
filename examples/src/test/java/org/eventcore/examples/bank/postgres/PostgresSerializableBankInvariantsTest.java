package org.eventcore.examples.bank.postgres;

import org.eventcore.examples.bank.BankInvariantsContract;
import org.eventcore.runtime.EventStore;
import org.eventcore.runtime.postgres.IsolationLevel;
import org.eventcore.runtime.postgres.PostgresEventStore;
import org.eventcore.testing.postgres.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bank invariants under 16 threads of transfers, on PostgreSQL with SERIALIZABLE appends. */
class PostgresSerializableBankInvariantsTest extends BankInvariantsContract {
  private static PostgresEventStore store;

  @BeforeAll
  static void open() {
    store = new PostgresEventStore(PostgresTestDatabase.newSchema("bank_ser").maxConnections(16)
        .isolation(IsolationLevel.SERIALIZABLE).maxRetries(10).build()); // hot rows: see docs/POSTGRES.md
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

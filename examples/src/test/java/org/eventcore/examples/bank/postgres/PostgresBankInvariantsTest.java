package org.eventcore.examples.bank.postgres;

import org.eventcore.examples.bank.BankInvariantsContract;
import org.eventcore.postgres.testing.PostgresStoreExtension;
import org.eventcore.runtime.store.EventStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bank invariants under 16 threads of transfers, on PostgreSQL at READ COMMITTED (the default). */
class PostgresBankInvariantsTest extends BankInvariantsContract {
  @RegisterExtension
  static final PostgresStoreExtension DB = PostgresStoreExtension.newSchema("bank_rc", b -> b.maxConnections(16));

  @Override
  protected EventStore store() {
    return DB.store();
  }
}

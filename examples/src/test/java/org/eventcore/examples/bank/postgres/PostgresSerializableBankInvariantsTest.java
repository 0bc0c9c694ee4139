package org.eventcore.examples.bank.postgres;

import org.eventcore.examples.bank.BankInvariantsContract;
import org.eventcore.postgres.IsolationLevel;
import org.eventcore.postgres.testing.PostgresStoreExtension;
import org.eventcore.runtime.store.EventStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bank invariants under 16 threads of transfers, on PostgreSQL with SERIALIZABLE appends. */
class PostgresSerializableBankInvariantsTest extends BankInvariantsContract {
  @RegisterExtension
  static final PostgresStoreExtension DB = PostgresStoreExtension.newSchema("bank_ser", b -> b.maxConnections(16)
      .isolation(IsolationLevel.SERIALIZABLE).maxRetries(10)); // hot rows: see docs/POSTGRES.md

  @Override
  protected EventStore store() {
    return DB.store();
  }
}

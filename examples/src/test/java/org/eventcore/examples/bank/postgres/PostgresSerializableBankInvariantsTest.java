package org.eventcore.examples.bank.postgres;

import org.eventcore.examples.bank.BankInvariantsContract;
import org.eventcore.runtime.EventStore;
import org.eventcore.runtime.postgres.IsolationLevel;
import org.eventcore.testing.postgres.PostgresStoreExtension;
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

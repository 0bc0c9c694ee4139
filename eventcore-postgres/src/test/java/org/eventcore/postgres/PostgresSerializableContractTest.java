package org.eventcore.postgres;

import org.eventcore.postgres.IsolationLevel;
import org.eventcore.postgres.testing.PostgresStoreExtension;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.testing.EventStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared EventStore contract, on PostgreSQL with SERIALIZABLE appends. */
class PostgresSerializableContractTest extends EventStoreContract {
  @RegisterExtension
  static final PostgresStoreExtension DB = PostgresStoreExtension.newSchema("contract_ser",
      b -> b.isolation(IsolationLevel.SERIALIZABLE).maxRetries(10));

  @Override
  protected EventStore store() {
    return DB.store();
  }
}

package org.eventcore.testing.postgres;

import org.eventcore.runtime.EventStore;
import org.eventcore.testing.EventStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared EventStore contract, on PostgreSQL at the default isolation (READ COMMITTED). */
class PostgresEventStoreContractTest extends EventStoreContract {
  @RegisterExtension
  static final PostgresStoreExtension DB = PostgresStoreExtension.newSchema("contract");

  @Override
  protected EventStore store() {
    return DB.store();
  }
}

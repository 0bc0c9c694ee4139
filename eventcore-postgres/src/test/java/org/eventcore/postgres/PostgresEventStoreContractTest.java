package org.eventcore.postgres;

import org.eventcore.postgres.testing.PostgresStoreExtension;
import org.eventcore.runtime.store.EventStore;
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

package org.eventcore.testing.postgres;

import org.eventcore.runtime.EventStore;
import org.eventcore.runtime.postgres.PostgresEventStore;
import org.eventcore.testing.EventStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared EventStore contract, on PostgreSQL at the default isolation (READ COMMITTED). */
class PostgresEventStoreContractTest extends EventStoreContract {
  private static PostgresEventStore store;

  @BeforeAll
  static void open() {
    store = PgTestSupport.newStore("contract");
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

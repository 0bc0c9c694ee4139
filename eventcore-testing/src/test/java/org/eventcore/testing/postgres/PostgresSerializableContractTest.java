package org.eventcore.testing.postgres;

import org.eventcore.runtime.EventStore;
import org.eventcore.runtime.postgres.IsolationLevel;
import org.eventcore.runtime.postgres.PostgresEventStore;
import org.eventcore.testing.EventStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared EventStore contract, on PostgreSQL with SERIALIZABLE appends. */
class PostgresSerializableContractTest extends EventStoreContract {
  private static PostgresEventStore store;

  @BeforeAll
  static void open() {
    // the contract races 8 writers on one stream: a larger 40001 retry budget, as docs/POSTGRES.md advises
    store = PgTestSupport.newStore("contract_ser", b -> b.isolation(IsolationLevel.SERIALIZABLE).maxRetries(10));
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

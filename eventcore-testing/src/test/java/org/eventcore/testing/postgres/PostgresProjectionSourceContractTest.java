package org.eventcore.testing.postgres;

import org.eventcore.runtime.EventStore;
import org.eventcore.runtime.postgres.PostgresEventStore;
import org.eventcore.runtime.projection.ProjectionSource;
import org.eventcore.testing.ProjectionSourceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared ProjectionSource contract on PostgreSQL. */
class PostgresProjectionSourceContractTest extends ProjectionSourceContract {
  private static PostgresEventStore store;

  @BeforeAll
  static void open() {
    store = PgTestSupport.newStore("projection_contract");
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Override
  protected EventStore store() {
    return store;
  }

  @Override
  protected ProjectionSource source() {
    return store;
  }
}

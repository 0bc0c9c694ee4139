package org.eventcore.postgres;

import org.eventcore.postgres.testing.PostgresStoreExtension;
import org.eventcore.runtime.projection.ProjectionSource;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.testing.ProjectionSourceContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared ProjectionSource contract on PostgreSQL. */
class PostgresProjectionSourceContractTest extends ProjectionSourceContract {
  @RegisterExtension
  static final PostgresStoreExtension DB = PostgresStoreExtension.newSchema("projection_contract");

  @Override
  protected EventStore store() {
    return DB.store();
  }

  @Override
  protected ProjectionSource source() {
    return DB.store();
  }
}

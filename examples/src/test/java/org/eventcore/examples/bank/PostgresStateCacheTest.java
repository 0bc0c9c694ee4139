package org.eventcore.examples.bank;

import org.eventcore.postgres.testing.PostgresStoreExtension;
import org.eventcore.runtime.store.EventStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cache rules on PostgreSQL: two store instances (two pools, as two processes have) on one schema. */
class PostgresStateCacheTest extends StateCacheContract {
  @RegisterExtension
  static final PostgresStoreExtension DB = PostgresStoreExtension.newSchema("state_cache", b -> b.maxConnections(8));

  @Override
  protected EventStore store() {
    return DB.store();
  }

  @Override
  protected EventStore sameDataOtherStore() {
    return DB.otherStore();
  }
}

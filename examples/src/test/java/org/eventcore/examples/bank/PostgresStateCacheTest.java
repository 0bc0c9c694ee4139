package org.eventcore.examples.bank;

import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The cache rules on PostgreSQL: two store instances (two pools, as two processes have) on one schema. */
class PostgresStateCacheTest extends StateCacheContract {
  private static PostgresEventStore first;
  private static PostgresEventStore second;

  @BeforeAll
  static void open() {
    PostgresConfig config = PostgresTestDatabase.newSchema("state_cache").maxConnections(8).build();
    first = new PostgresEventStore(config);
    first.initialize();
    second = new PostgresEventStore(config);
    second.initialize();
  }

  @AfterAll
  static void close() {
    second.close();
    first.close();
  }

  @Override
  protected EventStore store() {
    return first;
  }

  @Override
  protected EventStore sameDataOtherStore() {
    return second;
  }
}

package org.eventcore.examples.bank;

import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.SnapshotStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The snapshot rules on PostgreSQL: rows of {@code state_snapshots} beside the events. */
class PostgresSnapshotTest extends SnapshotContract {
  private static PostgresEventStore store;

  @BeforeAll
  static void open() {
    store = new PostgresEventStore(PostgresTestDatabase.newSchema("snapshots").maxConnections(4).build());
    store.initialize();
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Override
  protected EventStore events() {
    return store;
  }

  @Override
  protected SnapshotStore snapshots() {
    return store;
  }
}

package org.eventcore.examples.bank;

import org.eventcore.postgres.testing.PostgresStoreExtension;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.SnapshotStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The snapshot rules on PostgreSQL: rows of {@code state_snapshots} beside the events. */
class PostgresSnapshotTest extends SnapshotContract {
  @RegisterExtension
  static final PostgresStoreExtension DB = PostgresStoreExtension.newSchema("snapshots", b -> b.maxConnections(4));

  @Override
  protected EventStore events() {
    return DB.store();
  }

  @Override
  protected SnapshotStore snapshots() {
    return DB.store();
  }
}

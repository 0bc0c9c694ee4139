package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventcore.postgres.PgTestSupport.queryLong;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eventcore.postgres.testing.PostgresStoreExtension;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.store.SnapshotKey;
import org.eventcore.runtime.store.SnapshotStore;
import org.eventcore.runtime.store.StoredSnapshot;
import org.eventcore.testing.SnapshotStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared SnapshotStore contract on PostgreSQL, and its rows of {@code state_snapshots}: one per fold after a
 * version change, a payload that is not JSON refused.
 */
class PostgresSnapshotsTest extends SnapshotStoreContract {
  @RegisterExtension
  static final PostgresStoreExtension DB = PostgresStoreExtension.newSchema("snap_rows");

  private final StreamId a = StreamId.of("rows-" + UUID.randomUUID());
  private final SnapshotKey key = new SnapshotKey("com.acme.State", "com.acme.Event", List.of(a));

  @Override
  protected SnapshotStore store() {
    return DB.store();
  }

  private long rows() {
    String schema = DB.store().toString().replaceAll(".*schema=([^,]*),.*", "$1");
    return queryLong("SELECT count(*) FROM \"" + schema + "\".state_snapshots WHERE stream_ids = ARRAY[?::text]",
        a.value());
  }

  @Test
  void aFoldKeepsOneRowAcrossSavesAndVersionChanges() {
    Map<StreamId, Long> v = new LinkedHashMap<>();
    for (long i = 1; i <= 3; i++) {
      v.put(a, i);
      DB.store().saveSnapshot(new StoredSnapshot(key, 1, v, "{\"n\": " + i + "}"));
    }
    DB.store().saveSnapshot(new StoredSnapshot(key, 2, v, "{\"m\": 1}"));
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void aPayloadThatIsNotJsonIsASnapshotStoreFailureAndWritesNothing() {
    assertThatThrownBy(() -> DB.store().saveSnapshot(new StoredSnapshot(key, 1, Map.of(a, 1L), "not json")))
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.operation()).isEqualTo(StoreOperation.SNAPSHOT));
    assertThat(DB.store().loadSnapshot(key, 1)).isEmpty();
  }
}

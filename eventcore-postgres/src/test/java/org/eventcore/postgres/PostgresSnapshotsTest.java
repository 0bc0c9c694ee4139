package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventcore.postgres.PgTestSupport.queryLong;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eventcore.postgres.testing.PostgresStoreExtension;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StoreException;
import org.eventcore.runtime.StoreOperation;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.store.SnapshotKey;
import org.eventcore.runtime.store.StoredSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rows of {@code state_snapshots}: one per fold and version, never regressed, lower versions dropped. */
class PostgresSnapshotsTest {
  @RegisterExtension
  static final PostgresStoreExtension DB = PostgresStoreExtension.newSchema("snap_rows");

  private final StreamId a = StreamId.of("a-" + UUID.randomUUID());
  private final StreamId b = StreamId.of("b-" + UUID.randomUUID());
  private final SnapshotKey key = new SnapshotKey("com.acme.State", "com.acme.Event", List.of(a, b));

  private Map<StreamId, Long> at(long va, long vb) {
    Map<StreamId, Long> m = new LinkedHashMap<>();
    m.put(a, va);
    m.put(b, vb);
    return m;
  }

  private long rows() {
    return queryLong("SELECT count(*) FROM \"" + DB.store().toString().replaceAll(".*schema=([^,]*),.*", "$1")
        + "\".state_snapshots WHERE state_type = 'com.acme.State' AND stream_ids[1] = ?", a.value());
  }

  @Test
  void aLateWriterNeverRegressesASnapshotAndEqualVersionsReplaceIt() {
    PostgresEventStore store = DB.store();
    store.saveSnapshot(new StoredSnapshot(key, 1, at(5, 5), "{\"n\": 10}"));
    store.saveSnapshot(new StoredSnapshot(key, 1, at(4, 4), "{\"n\": 8}"));
    StoredSnapshot held = store.loadSnapshot(key, 1).orElseThrow();
    assertThat(held.payload()).isEqualTo("{\"n\": 10}");
    assertThat(held.versions()).isEqualTo(at(5, 5));
    store.saveSnapshot(new StoredSnapshot(key, 1, at(5, 5), "{\"n\": 11}"));
    assertThat(store.loadSnapshot(key, 1).orElseThrow().payload()).isEqualTo("{\"n\": 11}");
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void aHigherSnapshotVersionDropsTheLowerOnes() {
    PostgresEventStore store = DB.store();
    store.saveSnapshot(new StoredSnapshot(key, 1, at(9, 9), "{\"old\": true}"));
    store.saveSnapshot(new StoredSnapshot(key, 2, at(1, 0), "{\"new\": true}"));
    assertThat(store.loadSnapshot(key, 1)).isEmpty();
    assertThat(store.loadSnapshot(key, 2).orElseThrow().versions()).isEqualTo(at(1, 0));
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void otherStreamsOrOrderAreOtherKeys() {
    PostgresEventStore store = DB.store();
    store.saveSnapshot(new StoredSnapshot(key, 1, at(1, 1), "{}"));
    assertThat(store.loadSnapshot(new SnapshotKey("com.acme.State", "com.acme.Event", List.of(b, a)), 1)).isEmpty();
    assertThat(store.loadSnapshot(new SnapshotKey("com.acme.State", "com.acme.Other", List.of(a, b)), 1)).isEmpty();
    assertThat(store.loadSnapshot(key, 1)).isPresent();
  }

  @Test
  void aPayloadThatIsNotJsonIsAStoreFailureAndWritesNothing() {
    PostgresEventStore store = DB.store();
    assertThatThrownBy(() -> store.saveSnapshot(new StoredSnapshot(key, 1, at(1, 1), "not json")))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.operation()).isEqualTo(StoreOperation.SNAPSHOT));
    assertThat(store.loadSnapshot(key, 1)).isEmpty();
    assertThatThrownBy(() -> store.loadSnapshot(key, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> store.saveSnapshot(null)).isInstanceOf(InvalidInputException.class);
  }
}

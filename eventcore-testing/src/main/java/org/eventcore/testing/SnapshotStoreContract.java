package org.eventcore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.store.SnapshotKey;
import org.eventcore.runtime.store.SnapshotStore;
import org.eventcore.runtime.store.StoredSnapshot;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SnapshotStore} must show: one snapshot per key and snapshot version, never regressed
 * by a late writer, replaced at equal versions, lower versions dropped by a higher one, keys that differ in any part
 * (streams, their order, family, state type) kept apart, bad arguments rejected. Tests isolate themselves by
 * stream id, so a shared database may serve them.
 */
public abstract class SnapshotStoreContract {

  /** The store under test. */
  protected abstract SnapshotStore store();

  private final StreamId a = StreamId.of("snap-a-" + UUID.randomUUID());
  private final StreamId b = StreamId.of("snap-b-" + UUID.randomUUID());
  private final SnapshotKey key = new SnapshotKey("com.acme.State", "com.acme.Event", List.of(a, b));

  private Map<StreamId, Long> at(long va, long vb) {
    Map<StreamId, Long> m = new LinkedHashMap<>();
    m.put(a, va);
    m.put(b, vb);
    return m;
  }

  @Test
  void aMissingSnapshotLoadsAsEmpty() {
    assertThat(store().loadSnapshot(key, 1)).isEmpty();
  }

  @Test
  void aSavedSnapshotLoadsWithItsVersionsAndPayload() {
    store().saveSnapshot(new StoredSnapshot(key, 3, at(7, 2), "{\"n\":10,\"items\":[1,2]}"));
    StoredSnapshot loaded = store().loadSnapshot(key, 3).orElseThrow();
    assertThat(loaded.key()).isEqualTo(key);
    assertThat(loaded.snapshotVersion()).isEqualTo(3);
    assertThat(loaded.versions()).isEqualTo(at(7, 2));
    assertThat(loaded.versions().keySet()).containsExactly(a, b);
    assertThat(JsonText.normalize(loaded.payload())).isEqualTo(JsonText.normalize("{\"n\":10,\"items\":[1,2]}"));
    assertThat(store().loadSnapshot(key, 2)).isEmpty();
  }

  @Test
  void aLateWriterNeverRegressesASnapshotAndEqualVersionsReplaceIt() {
    store().saveSnapshot(new StoredSnapshot(key, 1, at(5, 5), "{\"n\":10}"));
    store().saveSnapshot(new StoredSnapshot(key, 1, at(4, 4), "{\"n\":8}"));
    assertThat(store().loadSnapshot(key, 1).orElseThrow().versions()).isEqualTo(at(5, 5));
    store().saveSnapshot(new StoredSnapshot(key, 1, at(5, 5), "{\"n\":11}"));
    assertThat(JsonText.normalize(store().loadSnapshot(key, 1).orElseThrow().payload()))
        .isEqualTo(JsonText.normalize("{\"n\":11}"));
    store().saveSnapshot(new StoredSnapshot(key, 1, at(9, 2), "{\"n\":12}")); // further in total (11 > 10)
    assertThat(store().loadSnapshot(key, 1).orElseThrow().versions()).isEqualTo(at(9, 2));
  }

  @Test
  void aHigherSnapshotVersionDropsTheLowerOnes() {
    store().saveSnapshot(new StoredSnapshot(key, 1, at(9, 9), "{\"old\":true}"));
    store().saveSnapshot(new StoredSnapshot(key, 2, at(1, 0), "{\"new\":true}"));
    assertThat(store().loadSnapshot(key, 1)).isEmpty();
    assertThat(store().loadSnapshot(key, 2).orElseThrow().versions()).isEqualTo(at(1, 0));
  }

  @Test
  void keysThatDifferInAnyPartAreKeptApart() {
    store().saveSnapshot(new StoredSnapshot(key, 1, at(1, 1), "{}"));
    assertThat(store().loadSnapshot(new SnapshotKey("com.acme.State", "com.acme.Event", List.of(b, a)), 1))
        .isEmpty();
    assertThat(store().loadSnapshot(new SnapshotKey("com.acme.State", "com.acme.Other", List.of(a, b)), 1))
        .isEmpty();
    assertThat(store().loadSnapshot(new SnapshotKey("com.acme.Other", "com.acme.Event", List.of(a, b)), 1))
        .isEmpty();
    assertThat(store().loadSnapshot(new SnapshotKey("com.acme.State", "com.acme.Event", List.of(a)), 1)).isEmpty();
    assertThat(store().loadSnapshot(key, 1)).isPresent();
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> store().saveSnapshot(null)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("snapshot must not be null");
    assertThatThrownBy(() -> store().loadSnapshot(null, 1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("snapshot key must not be null");
    assertThatThrownBy(() -> store().loadSnapshot(key, 0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("snapshot version must be >= 1, got 0");
  }
}

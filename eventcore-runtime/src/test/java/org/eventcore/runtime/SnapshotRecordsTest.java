package org.eventcore.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.store.SnapshotKey;
import org.eventcore.runtime.store.StoredSnapshot;
import org.junit.jupiter.api.Test;

/** Bad snapshot input is a typed error naming the rule (the stores' rules: SnapshotStoreContract). */
class SnapshotRecordsTest {
  private final StreamId a = StreamId.of("a");
  private final StreamId b = StreamId.of("b");
  private final SnapshotKey key = new SnapshotKey("com.acme.State", "com.acme.Event", List.of(a, b));

  private static Map<StreamId, Long> versions(StreamId s1, long v1, StreamId s2, long v2) {
    Map<StreamId, Long> m = new LinkedHashMap<>();
    m.put(s1, v1);
    m.put(s2, v2);
    return m;
  }

  @Test
  void keyRejectsNoStreamsNullStreamsDuplicatesAndBadNames() {
    assertThatThrownBy(() -> new SnapshotKey("S", "E", List.of())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at least one stream");
    assertThatThrownBy(() -> new SnapshotKey("S", "E", Arrays.asList(a, null)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("must not contain null");
    assertThatThrownBy(() -> new SnapshotKey("S", "E", List.of(a, a))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("distinct");
    assertThatThrownBy(() -> new SnapshotKey("", "E", List.of(a))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("snapshot state type must be 1..255 characters, got 0 characters");
    assertThatThrownBy(() -> new SnapshotKey("S", "x".repeat(256), List.of(a)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("event family must be 1..255");
  }

  @Test
  void snapshotRejectsVersionBelowOneVersionsOfOtherStreamsAndNegativeVersions() {
    assertThatThrownBy(() -> new StoredSnapshot(key, 0, versions(a, 1, b, 1), "{}"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("snapshot version must be >= 1, got 0");
    assertThatThrownBy(() -> new StoredSnapshot(key, 1, versions(b, 1, a, 1), "{}"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("must name the key's streams [a, b] in order");
    assertThatThrownBy(() -> new StoredSnapshot(key, 1, versions(a, -1, b, 1), "{}"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("stream 'a' must be >= 0, got -1");
    assertThatThrownBy(() -> new StoredSnapshot(key, 1, versions(a, 1, b, 1), null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("payload");
  }

  @Test
  void snapshotToStringLeavesThePayloadOut() {
    StoredSnapshot s = new StoredSnapshot(key, 1, versions(a, 2, b, 3), "{\"secret\":\"iban\"}");
    assertThat(s.totalVersion()).isEqualTo(5);
    assertThat(s.toString()).doesNotContain("secret").doesNotContain("iban").contains("17 characters");
  }

  @Test
  void negativeSnapshotIntervalIsRejected() {
    assertThatThrownBy(() -> CommandExecutor.builder(new InMemoryEventStore()).snapshotEvery(-1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("snapshot interval must be >= 0 events (0 = off), got -1");
  }
}

package org.eventcore.runtime.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventcore.runtime.StreamId;
import org.junit.jupiter.api.Test;

/** The cache's own bookkeeping: entries known to be stale, and streams forgotten with their last entry. */
class StateCacheTest {
  private static final StreamId A = StreamId.of("a");
  private static final StreamId B = StreamId.of("b");
  private static final StreamId C = StreamId.of("c");

  private static StateCache.Key key(Class<?> fold, StreamId... streams) {
    return new StateCache.Key(fold, Object.class, List.of(streams), List.of(streams[0]));
  }

  private static Map<StreamId, Long> versions(Object... streamThenVersion) {
    Map<StreamId, Long> v = new LinkedHashMap<>();
    for (int i = 0; i < streamThenVersion.length; i += 2) {
      v.put((StreamId) streamThenVersion[i], ((Number) streamThenVersion[i + 1]).longValue());
    }
    return v;
  }

  @Test
  void anEntryIsKnownStaleOnceAnotherEntryIsPutWithANewerVersionOfAStreamItHolds() {
    StateCache cache = new StateCache(Long.MAX_VALUE, s -> 0, ExecutorMetrics.NONE);
    StateCache.Key ab = key(String.class, A, B);
    StateCache.Key ac = key(Integer.class, A, C);
    cache.put(ab, "s", versions(A, 3, B, 2), null);
    cache.put(ac, 1, versions(A, 3, C, 5), null);
    assertThat(cache.knownStale(cache.get(ab))).isFalse();

    cache.put(ac, 2, versions(A, 4, C, 6), null);

    assertThat(cache.knownStale(cache.get(ab))).as("a moved on to 4 through the other entry").isTrue();
    assertThat(cache.knownStale(cache.get(ac))).isFalse();
    cache.put(ab, "t", versions(A, 4, B, 2), null);
    assertThat(cache.knownStale(cache.get(ab))).isFalse();
  }

  @Test
  void aStreamIsForgottenWhenNoEntryHoldsItAnyMore() {
    StateCache cache = new StateCache(Long.MAX_VALUE, s -> 0, ExecutorMetrics.NONE);
    StateCache.Key ab = key(String.class, A, B);
    StateCache.Key ac = key(Integer.class, A, C);
    cache.put(ab, "s", versions(A, 1, B, 1), null);
    cache.put(ac, 1, versions(A, 1, C, 1), null);
    cache.put(ac, 2, versions(A, 2, C, 1), null); // a replacement holds nothing twice
    assertThat(cache.trackedStreams()).isEqualTo(3);

    cache.invalidate(ab);
    assertThat(cache.trackedStreams()).as("a and c, held by the other entry").isEqualTo(2);
    cache.invalidate(ac);
    assertThat(cache.trackedStreams()).isZero();
  }

  @Test
  void evictedEntriesReleaseTheirStreams() {
    long one = StateCache.ENTRY_BYTES + 2 * (StateCache.STREAM_BYTES + 2);
    StateCache cache = new StateCache(one, s -> 0, ExecutorMetrics.NONE);
    cache.put(key(String.class, A, B), "s", versions(A, 1, B, 1), null);
    cache.put(key(Integer.class, C, B), 1, versions(C, 1, B, 1), null);

    assertThat(cache.stats().evictions()).isEqualTo(1);
    assertThat(cache.trackedStreams()).as("c and b, of the one entry left").isEqualTo(2);
  }
}

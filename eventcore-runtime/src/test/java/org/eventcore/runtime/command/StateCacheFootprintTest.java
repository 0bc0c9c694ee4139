package org.eventcore.runtime.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eventcore.runtime.StreamId;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * Measures (JOL) the heap one cached account-like state takes with its key, versions and stream id, and checks
 * that the cache's default weight estimate is not below it, so the default budget bounds the real bytes of such
 * states.
 */
class StateCacheFootprintTest {
  /** The bank example's account state, in shape: a flag, an owner name, a balance. */
  record Account(boolean open, String owner, long balanceCents) {}

  private static final int ENTRIES = 500;

  static {
    // records' field offsets are not available through Unsafe on JDK 17; JOL then finds them by probing
    System.setProperty("jol.magicFieldOffset", "true");
  }

  @Test
  void defaultWeightOfAnAccountStateIsAtLeastItsMeasuredBytes() {
    StateCache cache = new StateCache(Long.MAX_VALUE, s -> StateCache.DEFAULT_STATE_BYTES, ExecutorMetrics.NONE);
    List<Object> held = new ArrayList<>();
    held.add(cache);
    long empty = GraphLayout.parseInstance(held.toArray()).totalSize();
    for (int i = 0; i < ENTRIES; i++) {
      // "account-" and a UUID: 44 characters, as the bank example names its streams
      StreamId stream = StreamId.of("account-" + UUID.randomUUID());
      Map<StreamId, Long> versions = new LinkedHashMap<>();
      versions.put(stream, 1_000L + i);
      cache.put(new StateCache.Key(Account.class, Object.class, List.of(stream), null),
          new Account(true, "owner-" + i, 100_000L + i), Collections.unmodifiableMap(versions), null);
    }
    long full = GraphLayout.parseInstance(held.toArray()).totalSize();
    long measured = (full - empty) / ENTRIES;
    StateCacheStats stats = cache.stats();
    long estimated = stats.weightBytes() / stats.entries();
    System.out.printf("state cache: %d bytes measured per cached account state (entry, key, versions, stream id,"
        + " state), %d estimated; default budget %d MiB holds %d such entries%n", measured, estimated,
        CommandExecutor.Builder.DEFAULT_CACHE_BYTES >> 20, CommandExecutor.Builder.DEFAULT_CACHE_BYTES / estimated);
    assertThat(stats.entries()).isEqualTo(ENTRIES);
    assertThat(estimated).as("estimate vs measured %d bytes", measured).isGreaterThanOrEqualTo(measured);
  }
}

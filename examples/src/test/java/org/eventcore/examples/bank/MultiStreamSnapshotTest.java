package org.eventcore.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.junit.jupiter.api.Test;

/**
 * A snapshot of a state of several streams holds the state and its versions, not the state after its first
 * stream: a tail with an event of an earlier stream than the last one folded cannot extend it in a fresh fold's
 * order, and the state is folded from version 0 instead. Property over random interleavings, with an
 * order-sensitive fold: what a snapshot-reading executor (cache off, and cache on) decides on equals a fresh fold.
 */
class MultiStreamSnapshotTest {

  @Test
  void statesOfSeveralStreamsReadFromSnapshotsEqualAFreshFoldWhateverTheOrderOfLaterEvents() {
    for (long seed = 1; seed <= 8; seed++) {
      InMemoryEventStore store = new InMemoryEventStore();
      CommandExecutor writer = CommandExecutor.builder(store).stateCacheBytes(0).snapshotEvery(0).build();
      CommandExecutor fresh = CommandExecutor.builder(store).stateCacheBytes(0).snapshotEvery(0).build();
      CommandExecutor fromSnapshots = CommandExecutor.builder(store).stateCacheBytes(0).snapshotEvery(2)
          .snapshotWriter(Runnable::run).build();
      CommandExecutor cachedWithSnapshots = CommandExecutor.builder(store).snapshotEvery(3)
          .snapshotWriter(Runnable::run).build();
      StreamId first = StreamId.of("pair-a-" + UUID.randomUUID());
      StreamId second = StreamId.of("pair-b-" + UUID.randomUUID());
      writer.execute(new OpenAccount(first, "ann"));
      writer.execute(new OpenAccount(second, "bob"));
      Random random = new Random(seed);
      for (int step = 0; step < 60; step++) {
        StreamId target = random.nextInt(3) == 0 ? first : second;
        writer.execute(new Deposit(target, 1 + random.nextInt(50)));
        String tag = seed + "-" + step;
        fresh.execute(new HashPair(first, second, tag + "-fresh"));
        fromSnapshots.execute(new HashPair(first, second, tag + "-snapshot"));
        cachedWithSnapshots.execute(new HashPair(first, second, tag + "-cached"));
        PairHash expected = HashPair.SEEN.get(tag + "-fresh");
        assertThat(HashPair.SEEN.get(tag + "-snapshot")).as("seed %d step %d, from snapshots", seed, step)
            .isEqualTo(expected);
        assertThat(HashPair.SEEN.get(tag + "-cached")).as("seed %d step %d, cache and snapshots", seed, step)
            .isEqualTo(expected);
      }
    }
  }
}

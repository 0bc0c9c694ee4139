package org.eventcore.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.eventcore.runtime.CommandRejectedException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.eventcore.runtime.codec.StateCodec;
import org.eventcore.runtime.codec.StateCodecs;
import org.eventcore.runtime.command.CommandBinding;
import org.eventcore.runtime.command.CommandBindings;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.EventStream;
import org.eventcore.runtime.store.SnapshotKey;
import org.eventcore.runtime.store.SnapshotStore;
import org.eventcore.runtime.store.StoredSnapshot;
import org.junit.jupiter.api.Test;

/**
 * Durable snapshots, for any store that keeps them: a cold executor starts from the newest snapshot and reads only
 * the events after it; whatever mix of warm, cache-off and cold executors runs a random command sequence, every
 * decision is the one a fresh fold gives and every snapshot equals a fresh fold to its versions; a snapshot of
 * another {@code @Snapshot} version or one that does not decode is ignored and replaced; a failing snapshot write
 * never fails a command; snapshots are written off the command's thread by default.
 */
public abstract class SnapshotContract {

  /** The event store; every call returns the same one. */
  protected abstract EventStore events();

  /** The same store's snapshots. */
  protected abstract SnapshotStore snapshots();

  private SnapshotCountingStore counting() {
    return new SnapshotCountingStore(events(), snapshots());
  }

  /** Snapshots written on the command's thread, after its append returned: deterministic for the assertions. */
  private static CommandExecutor executor(EventStore store, int every, long cacheBytes) {
    return CommandExecutor.builder(store).snapshotEvery(every).snapshotWriter(Runnable::run)
        .stateCacheBytes(cacheBytes).build();
  }

  private static StreamId account() {
    return StreamId.of("snap-" + UUID.randomUUID());
  }

  private static SnapshotKey accountKey(StreamId a) {
    return new SnapshotKey(AccountState.class.getName(), BankEvent.class.getName(), List.of(a));
  }

  private static SnapshotKey tallyKey(StreamId a) {
    return new SnapshotKey(DepositTally.class.getName(), BankEvent.class.getName(), List.of(a));
  }

  /** The state a fold of the stream's events up to {@code upTo} gives, through the command's generated binding. */
  @SuppressWarnings("unchecked")
  private <C, S> S freshFold(Class<C> command, C instance, StreamId a, long upTo) {
    CommandBinding<C, S, BankEvent> binding = (CommandBinding<C, S, BankEvent>) CommandBindings.of(command);
    EventCodec<BankEvent> codec = EventCodecs.of(BankEvent.class);
    S state = binding.initialState(instance);
    try (EventStream stream = events().readStream(a)) {
      for (StoredEvent e : stream.toList()) {
        if (e.version() <= upTo) {
          state = binding.apply(instance, state, codec.decode(e.eventType(), e.payload()));
        }
      }
    }
    return state;
  }

  private AccountState freshAccount(StreamId a, long upTo) {
    return freshFold(Deposit.class, new Deposit(a, 1), a, upTo);
  }

  private static <S> S decoded(StoredSnapshot snapshot, Class<S> state) {
    StateCodec<S> codec = StateCodecs.of(state);
    return codec.decode(snapshot.payload());
  }

  private StoredSnapshot snapshotOf(StreamId a) {
    return snapshots().loadSnapshot(accountKey(a), 1).orElseThrow(() -> new AssertionError("no snapshot of " + a));
  }

  @Test
  void coldExecutorStartsFromTheNewestSnapshotAndReadsOnlyTheEventsAfterIt() {
    SnapshotCountingStore store = counting();
    CommandExecutor warm = executor(store, 100, CommandExecutor.Builder.DEFAULT_CACHE_BYTES);
    StreamId a = account();
    warm.execute(new OpenAccount(a, "ann"));
    for (int i = 0; i < 249; i++) {
      warm.execute(new Deposit(a, 1));
    }
    StoredSnapshot snapshot = snapshotOf(a);
    assertThat(snapshot.versions()).isEqualTo(Map.of(a, 200L));
    assertThat(decoded(snapshot, AccountState.class)).isEqualTo(freshAccount(a, 200)).isNotEqualTo(freshAccount(a, 0));

    CommandExecutor cold = executor(store, 100, CommandExecutor.Builder.DEFAULT_CACHE_BYTES);
    store.reset();
    // 249 cents: only a state of the whole stream has them (the snapshot alone has 199)
    cold.execute(new Withdraw(a, 249));

    assertThat(store.loads.get()).as("snapshot loads").isEqualTo(1);
    assertThat(store.wholeReads.get()).as("whole-stream reads").isZero();
    assertThat(store.tailReads.get()).as("tail reads").isEqualTo(1);
    assertThat(store.eventsRead.get()).as("events read: 201..250").isEqualTo(50);
    assertThatThrownBy(() -> cold.execute(new Withdraw(a, 1))).isInstanceOf(CommandRejectedException.class)
        .hasMessageContaining("balance 0");
  }

  @Test
  void withTheCacheOffEveryCommandReadsTheSnapshotAndAtMostTheIntervalOfEvents() {
    SnapshotCountingStore store = counting();
    CommandExecutor executor = executor(store, 10, 0);
    StreamId a = account();
    executor.execute(new OpenAccount(a, "bob"));
    for (int i = 0; i < 60; i++) {
      store.reset();
      executor.execute(new Deposit(a, 2));
      assertThat(store.eventsRead.get()).as("events read by deposit %d", i).isLessThanOrEqualTo(10);
    }
    assertThat(snapshotOf(a).versions()).isEqualTo(Map.of(a, 60L));
    assertThat(decoded(snapshotOf(a), AccountState.class)).isEqualTo(freshAccount(a, 60));
  }

  /**
   * Property: random deposits and withdrawals (some rejected) run by a warm executor, a cache-off executor and a
   * new executor per command, with a random snapshot interval; each outcome is the one the true balance gives,
   * and the snapshot left equals a fresh fold from version 0 to its versions.
   */
  @Test
  void decisionsAndSnapshotsEqualAFreshFoldOverRandomCommandSequences() {
    for (long seed = 1; seed <= 6; seed++) {
      Random random = new Random(seed);
      SnapshotCountingStore store = counting();
      int every = 1 + random.nextInt(12);
      CommandExecutor warm = executor(store, every, CommandExecutor.Builder.DEFAULT_CACHE_BYTES);
      CommandExecutor cacheOff = executor(store, every, 0);
      StreamId a = account();
      warm.execute(new OpenAccount(a, "seed-" + seed));
      long balance = 0;
      long version = 1;
      List<String> trace = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int pick = random.nextInt(3);
        CommandExecutor executor = pick == 0 ? warm : pick == 1 ? cacheOff : executor(store, every, 0);
        boolean deposit = random.nextBoolean();
        long amount = 1 + random.nextInt(40);
        trace.add((deposit ? "D" : "W") + amount + "@" + pick);
        if (deposit || balance >= amount) {
          executor.execute(deposit ? new Deposit(a, amount) : new Withdraw(a, amount));
          balance += deposit ? amount : -amount;
          version++;
        } else {
          long expected = balance;
          assertThatThrownBy(() -> executor.execute(new Withdraw(a, amount))).as("seed %d, %s", seed, trace)
              .isInstanceOf(CommandRejectedException.class).hasMessageContaining("balance " + expected);
        }
      }
      assertThat(freshAccount(a, version).balanceCents()).isEqualTo(balance);
      if (version >= every) {
        StoredSnapshot snapshot = snapshotOf(a);
        long at = snapshot.versions().get(a);
        assertThat(at).as("seed %d: snapshot within one interval of the head", seed).isGreaterThan(version - every);
        assertThat(decoded(snapshot, AccountState.class)).as("seed %d, %s", seed, trace)
            .isEqualTo(freshAccount(a, at));
      }
    }
  }

  @Test
  void snapshotOfAnotherVersionIsIgnoredAndReplacedByOneOfTheCurrentVersion() {
    SnapshotCountingStore store = counting();
    StreamId a = account();
    CommandExecutor plain = CommandExecutor.builder(store).snapshotEvery(0).build();
    plain.execute(new OpenAccount(a, "cy"));
    for (int i = 0; i < 30; i++) {
      plain.execute(new Deposit(a, 1));
    }
    // written by the release whose DepositTally counted every event: a valid version-1 payload of another meaning
    store.saveSnapshot(new StoredSnapshot(tallyKey(a), 1, Map.of(a, 31L), "{\"deposits\":999,\"cents\":999}"));
    store.reset();

    CommandExecutor executor = executor(store, 10, CommandExecutor.Builder.DEFAULT_CACHE_BYTES);
    executor.execute(new CountDeposit(a, 500)); // the version-1 state (999 deposits) would reject it

    assertThat(store.wholeReads.get()).as("folded from the events").isEqualTo(1);
    StoredSnapshot current = snapshots().loadSnapshot(tallyKey(a), 2).orElseThrow();
    assertThat(current.versions()).isEqualTo(Map.of(a, 31L));
    assertThat(decoded(current, DepositTally.class)).isEqualTo(new DepositTally(30, 30))
        .isEqualTo(freshFold(CountDeposit.class, new CountDeposit(a, 500), a, 31));
    assertThat(snapshots().loadSnapshot(tallyKey(a), 1)).as("the version-1 snapshot is dropped").isEmpty();
  }

  @Test
  void snapshotThatDoesNotDecodeIsIgnoredAndReplaced() {
    SnapshotCountingStore store = counting();
    StreamId a = account();
    CommandExecutor plain = CommandExecutor.builder(store).snapshotEvery(0).build();
    plain.execute(new OpenAccount(a, "di"));
    for (int i = 0; i < 50; i++) {
      plain.execute(new Deposit(a, 1));
    }
    store.saveSnapshot(new StoredSnapshot(accountKey(a), 1, Map.of(a, 51L), "{\"open\":\"yes\",\"balanceCents\":[]}"));
    store.reset();

    CommandExecutor executor = executor(store, 10, 0);
    executor.execute(new Withdraw(a, 50));

    assertThat(store.wholeReads.get()).as("folded from the events").isEqualTo(1);
    StoredSnapshot replaced = snapshotOf(a);
    assertThat(decoded(replaced, AccountState.class)).isEqualTo(freshAccount(a, replaced.versions().get(a)));
    assertThat(replaced.versions().get(a)).isGreaterThanOrEqualTo(51L);
  }

  @Test
  void failingSnapshotWritesNeverFailACommand() {
    SnapshotCountingStore store = counting();
    store.failSaves = true;
    CommandExecutor executor = executor(store, 1, 0);
    StreamId a = account();
    executor.execute(new OpenAccount(a, "ed"));
    for (int i = 0; i < 5; i++) {
      executor.execute(new Deposit(a, 10));
    }
    executor.execute(new Withdraw(a, 50));

    assertThat(store.saves.get()).as("snapshot saves attempted").isGreaterThanOrEqualTo(6);
    assertThat(snapshots().loadSnapshot(accountKey(a), 1)).isEmpty();
    assertThat(freshAccount(a, 7)).isEqualTo(new AccountState(true, "ed", 0));
  }

  @Test
  void snapshotsAreWrittenOffTheCommandThreadByDefault() throws InterruptedException {
    SnapshotCountingStore store = counting();
    CommandExecutor executor = CommandExecutor.builder(store).snapshotEvery(5).build();
    StreamId a = account();
    executor.execute(new OpenAccount(a, "flo"));
    for (int i = 0; i < 9; i++) {
      executor.execute(new Deposit(a, 1));
    }
    // a bounded wait for the writer thread, not a timing assertion
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (snapshots().loadSnapshot(accountKey(a), 1).map(s -> s.versions().get(a)).orElse(0L) < 10
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(snapshotOf(a).versions()).isEqualTo(Map.of(a, 10L));
    assertThat(decoded(snapshotOf(a), AccountState.class)).isEqualTo(freshAccount(a, 10));
    assertThat(store.saveThread).isEqualTo("eventcore-snapshots");
  }

  @Test
  void intervalZeroTurnsSnapshotsOff() {
    SnapshotCountingStore store = counting();
    CommandExecutor executor = executor(store, 0, 0);
    StreamId a = account();
    executor.execute(new OpenAccount(a, "gus"));
    for (int i = 0; i < 20; i++) {
      executor.execute(new Deposit(a, 1));
    }
    assertThat(store.saves.get()).isZero();
    assertThat(store.loads.get()).isZero();
  }
}

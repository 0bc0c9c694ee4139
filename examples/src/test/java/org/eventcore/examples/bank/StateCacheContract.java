package org.eventcore.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.eventcore.runtime.CommandRejectedException;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ConflictRetryPolicy;
import org.eventcore.runtime.command.ExecutionResult;
import org.eventcore.runtime.command.StateCacheStats;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.EventStream;
import org.junit.jupiter.api.Test;

/**
 * The state cache's rules, for any store: a warm command reads nothing and its append verifies the cached state;
 * a stale entry costs a version conflict retried by reading the tail only, never a wrong write; rejections and
 * empty decisions on a cached state are confirmed against the store; the cached fold equals a fresh fold, for
 * states folded on the state type and for folds on the command over two streams; a fold on the command that reads
 * only stream components (Transfer) is cached per command type and ordered streams, and never shares entries
 * with another command of the same state type; states folded with other command fields are not cached; two executors with separate caches racing on the same streams keep
 * every invariant and reject nothing falsely.
 */
public abstract class StateCacheContract {

  /** A store; every call may return the same one. */
  protected abstract EventStore store();

  /** Another store on the same data (PostgreSQL: another store instance on the same schema). */
  protected abstract EventStore sameDataOtherStore();

  private static StreamId account() {
    return StreamId.of("cache-" + UUID.randomUUID());
  }

  private static StreamId opened(CommandExecutor executor) {
    StreamId a = account();
    executor.execute(new OpenAccount(a, "ann"));
    return a;
  }

  @Test
  void warmCommandOnOneStreamReadsNothingAndItsAppendVerifiesTheCachedState() {
    CountingStore store = new CountingStore(store());
    CommandExecutor executor = new CommandExecutor(store);
    StreamId a = opened(executor);
    executor.execute(new Deposit(a, 100));
    store.reset();

    ExecutionResult r = executor.execute(new Withdraw(a, 30));

    assertThat(r.versionOf(a)).isEqualTo(3);
    assertThat(store.wholeReads.get() + store.tailReads.get()).as("reads").isZero();
    assertThat(store.appends.get()).isEqualTo(1);
    StateCacheStats stats = executor.stateCacheStats();
    assertThat(stats.hits()).as("Deposit and Withdraw share the account's entry: %s", stats).isEqualTo(2);
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(StoredBalance.of(store(), a)).isEqualTo(70);
  }

  @Test
  void staleEntryCostsOneConflictRetriedByReadingOnlyTheTail() {
    CountingStore store = new CountingStore(store());
    CommandExecutor cached = new CommandExecutor(store);
    CommandExecutor other = new CommandExecutor(sameDataOtherStore());
    StreamId a = opened(cached);
    for (int i = 0; i < 20; i++) {
      other.execute(new Deposit(a, 10));
    }
    store.reset();

    ExecutionResult r = cached.execute(new Deposit(a, 5));

    assertThat(r.attempts()).as("the stale entry's append conflicts; the second attempt reads the tail")
        .isEqualTo(2);
    assertThat(store.conflicts.get()).isEqualTo(1);
    assertThat(store.wholeReads.get()).as("never the whole stream").isZero();
    assertThat(store.tailReads.get()).isEqualTo(1);
    assertThat(store.eventsRead.get()).as("only the 20 events after the cached version").isEqualTo(20);
    assertThat(store.appends.get()).isEqualTo(2);
    assertThat(r.versionOf(a)).isEqualTo(22);
    assertThat(StoredBalance.of(store(), a)).isEqualTo(205);
  }

  @Test
  void rejectionDecidedOnAStaleEntryIsConfirmedAgainstTheStore() {
    CountingStore store = new CountingStore(store());
    CommandExecutor cached = new CommandExecutor(store);
    CommandExecutor other = new CommandExecutor(sameDataOtherStore());
    StreamId a = opened(cached);
    other.execute(new Deposit(a, 100));
    store.reset();

    // the cached state has balance 0 and would reject; the store's state accepts
    ExecutionResult r = cached.execute(new Withdraw(a, 60));

    assertThat(r.versionOf(a)).isEqualTo(3);
    assertThat(store.tailReads.get()).isEqualTo(1);
    assertThat(store.wholeReads.get()).isZero();
    assertThat(StoredBalance.of(store(), a)).isEqualTo(40);
    // a rejection the current state confirms still reaches the caller, after the same check
    other.execute(new Withdraw(a, 40));
    store.reset();
    // cached balance 40 rejects 41; the store's balance 0 rejects it too, and that is the message
    assertThatThrownBy(() -> cached.execute(new Withdraw(a, 41)))
        .isInstanceOf(CommandRejectedException.class).hasMessageContaining("insufficient funds: balance 0");
    assertThat(store.tailReads.get()).isEqualTo(1);
    assertThat(store.appends.get()).isZero();
  }

  @Test
  void emptyDecisionOnAStaleEntryIsConfirmedAgainstTheStore() {
    CommandExecutor cached = new CommandExecutor(store());
    CommandExecutor other = new CommandExecutor(sameDataOtherStore());
    StreamId a = opened(cached);
    cached.execute(new Deposit(a, 100));
    other.execute(new Withdraw(a, 80));

    // the cached state has balance 100: "nothing to do"; the store's state has 20
    ExecutionResult r = cached.execute(new TopUp(a, 100));

    assertThat(r.events()).hasSize(1);
    assertThat(r.versionOf(a)).isEqualTo(4);
    assertThat(StoredBalance.of(store(), a)).isEqualTo(100);
  }

  @Test
  void cachedFoldEqualsAFreshFoldOverRandomCommandSequences() {
    CommandExecutor cached = new CommandExecutor(store());
    CommandExecutor otherCached = new CommandExecutor(sameDataOtherStore());
    CommandExecutor fresh = CommandExecutor.builder(store()).stateCacheBytes(0).build();
    for (long seed = 1; seed <= 3; seed++) {
      Random random = new Random(seed);
      List<StreamId> accounts = List.of(opened(cached), opened(otherCached), opened(fresh));
      for (int step = 0; step < 50; step++) {
        StreamId a = accounts.get(random.nextInt(accounts.size()));
        StreamId b = accounts.get(random.nextInt(accounts.size()));
        CommandExecutor by = switch (random.nextInt(3)) {
          case 0 -> cached;
          case 1 -> otherCached;
          default -> fresh;
        };
        long amount = 1 + random.nextInt(50);
        Object command = switch (random.nextInt(4)) {
          case 0 -> new Deposit(a, amount);
          case 1 -> new Withdraw(a, amount);
          case 2 -> new TopUp(a, amount * 2);
          default -> new Transfer(a, b, amount);
        };
        try {
          by.execute(command);
        } catch (CommandRejectedException expected) {
          // insufficient funds or a transfer to itself: part of the sequence
        }
        String tag = "fold-" + UUID.randomUUID();
        cached.execute(new Probe(a, tag));
        String freshTag = "fresh-" + UUID.randomUUID();
        fresh.execute(new Probe(a, freshTag));
        List<AccountState> seen = Probe.SEEN.get(tag);
        AccountState truth = Probe.SEEN.get(freshTag).get(0);
        assertThat(seen.get(seen.size() - 1)).as("seed %d step %d: %s", seed, step, command).isEqualTo(truth);
        // a fold on the command over two streams, of a random pair (a pair of one stream included)
        String pairTag = "pair-" + UUID.randomUUID();
        cached.execute(new PairProbe(a, b, pairTag));
        String freshPairTag = "fresh-pair-" + UUID.randomUUID();
        fresh.execute(new PairProbe(a, b, freshPairTag));
        List<Transfer.Accounts> pairSeen = PairProbe.SEEN.get(pairTag);
        assertThat(pairSeen.get(pairSeen.size() - 1)).as("pair, seed %d step %d: %s", seed, step, command)
            .isEqualTo(PairProbe.SEEN.get(freshPairTag).get(0));
        // and one whose result depends on the order it applies the events in
        StreamId c = accounts.get(random.nextInt(accounts.size()));
        String orderTag = "order-" + UUID.randomUUID();
        cached.execute(new OrderProbe(c, a, orderTag));
        String freshOrderTag = "fresh-order-" + UUID.randomUUID();
        fresh.execute(new OrderProbe(c, a, freshOrderTag));
        assertThat(OrderProbe.SEEN.get(orderTag)).as("fold order, seed %d step %d: %s", seed, step, command)
            .isEqualTo(OrderProbe.SEEN.get(freshOrderTag));
      }
      for (StreamId account : accounts) {
        assertThat(StoredBalance.of(store(), account)).as("transfers decided on cached states never overdraw").isNotNegative();
      }
    }
    assertThat(cached.stateCacheStats().hits()).isPositive();
    assertThat(fresh.stateCacheStats().hits()).isZero();
  }

  @Test
  void transferFoldedOnTheCommandIsCachedPerCommandTypeAndOrderedStreams() {
    CountingStore store = new CountingStore(store());
    CommandExecutor executor = new CommandExecutor(store);
    StreamId from = opened(executor);
    StreamId to = opened(executor);
    executor.execute(new Deposit(from, 100));
    StateCacheStats before = executor.stateCacheStats();
    store.reset();

    executor.execute(new Transfer(from, to, 10));
    executor.execute(new Transfer(from, to, 20));
    executor.execute(new Transfer(to, from, 5));
    executor.execute(new Transfer(to, from, 5));

    StateCacheStats after = executor.stateCacheStats();
    assertThat(after.misses() - before.misses()).as("one entry per ordered pair of streams: %s", after)
        .isEqualTo(2);
    assertThat(after.hits() - before.hits()).as("the second transfer of each pair: %s", after).isEqualTo(2);
    assertThat(store.wholeReads.get()).as("only the first transfer of each pair folds the streams").isEqualTo(2);
    assertThat(store.tailReads.get()).as("each warm transfer decides on its own entry, kept current").isZero();
    assertThat(store.conflicts.get()).isZero();
    assertThat(StoredBalance.of(store(), from)).isEqualTo(80);
    assertThat(StoredBalance.of(store(), to)).isEqualTo(20);
  }

  @Test
  void entryMadeStaleByThisExecutorsOwnWriteThroughAnotherEntryIsReadFirstNotConflicted() {
    CountingStore store = new CountingStore(store());
    CommandExecutor executor = new CommandExecutor(store);
    StreamId a = opened(executor);
    StreamId b = opened(executor);
    StreamId c = opened(executor);
    executor.execute(new Deposit(a, 100));
    executor.execute(new Transfer(a, b, 10));
    executor.execute(new Transfer(a, c, 10)); // writes a through the (a, c) entry: (a, b) is stale
    store.reset();

    ExecutionResult r = executor.execute(new Transfer(a, b, 10));

    assertThat(r.attempts()).isEqualTo(1);
    assertThat(store.conflicts.get()).isZero();
    assertThat(store.tailReads.get()).as("the events after the stale entry's versions").isEqualTo(1);
    assertThat(store.eventsRead.get()).as("only the withdrawal from a of the other transfer").isEqualTo(1);
    assertThat(store.wholeReads.get()).isZero();
    assertThat(StoredBalance.of(store(), a)).isEqualTo(70);
    assertThat(StoredBalance.of(store(), b)).isEqualTo(20);
  }

  /** Each write to the first stream breaks the order: the kept events of the second are folded again. */
  @Test
  void eventsOfAnEarlierStreamExtendACachedStateInAFreshFoldsOrder() {
    CountingStore store = new CountingStore(store());
    CommandExecutor cached = new CommandExecutor(store);
    CommandExecutor other = new CommandExecutor(sameDataOtherStore());
    CommandExecutor fresh = CommandExecutor.builder(store()).stateCacheBytes(0).build();
    StreamId a = opened(cached);
    StreamId b = opened(cached);
    cached.execute(new Deposit(a, 100));
    cached.execute(new OrderProbe(a, b, "warm-" + UUID.randomUUID()));
    for (int i = 1; i <= 5; i++) {
      cached.execute(new Deposit(b, i)); // the later stream: extends the state in order
      cached.execute(new Transfer(a, b, i)); // the earlier stream first: out of the order
      other.execute(new Deposit(a, 10 + i)); // another cache's write: read as a tail
      store.reset();
      String tag = "order-" + UUID.randomUUID();
      cached.execute(new OrderProbe(a, b, tag));
      String freshTag = "fresh-order-" + UUID.randomUUID();
      fresh.execute(new OrderProbe(a, b, freshTag));
      assertThat(OrderProbe.SEEN.get(tag)).as("round %d", i).isEqualTo(OrderProbe.SEEN.get(freshTag));
      assertThat(store.wholeReads.get()).as("round %d: never the whole streams", i).isZero();
    }
  }

  @Test
  void commandsSharingAStateTypeWithDifferentRoutingNeverShareEntries() {
    CommandExecutor executor = new CommandExecutor(store());
    StreamId a = opened(executor);
    StreamId b = opened(executor);
    executor.execute(new Deposit(a, 100));
    executor.execute(new Transfer(a, b, 30));
    executor.execute(new Transfer(a, b, 10));
    long hits = executor.stateCacheStats().hits();

    String tag = "pair-" + UUID.randomUUID();
    executor.execute(new PairProbe(a, b, tag));
    executor.execute(new PairProbe(a, b, tag));

    // PairProbe routes by 'to': the target is b, everything else is the source
    Transfer.Accounts expected = new Transfer.Accounts(new AccountState(true, "ann", 60),
        new AccountState(true, "ann", 40));
    assertThat(PairProbe.SEEN.get(tag)).as("every state a handle saw, cached or confirmed").containsOnly(expected);
    assertThat(executor.stateCacheStats().hits()).as("the second probe hits its own entry").isEqualTo(hits + 1);
  }

  @Test
  void stateFoldedWithANonStreamCommandFieldIsNeverCached() {
    CountingStore store = new CountingStore(store());
    CommandExecutor executor = new CommandExecutor(store);
    StreamId a = opened(executor);
    executor.execute(new Deposit(a, 100));
    StateCacheStats before = executor.stateCacheStats();
    store.reset();

    String once = "scaled-" + UUID.randomUUID();
    String twice = "scaled-" + UUID.randomUUID();
    executor.execute(new ScaledProbe(a, 1, once));
    executor.execute(new ScaledProbe(a, 2, twice));

    assertThat(ScaledProbe.SEEN.get(once)).isEqualTo(100);
    assertThat(ScaledProbe.SEEN.get(twice)).isEqualTo(200);
    assertThat(store.wholeReads.get()).as("ScaledProbe's fold reads 'factor': read every time").isEqualTo(2);
    assertThat(executor.stateCacheStats().hits()).isEqualTo(before.hits());
    assertThat(executor.stateCacheStats().misses()).isEqualTo(before.misses());
  }

  @Test
  void budgetBoundsTheEstimatedBytesAndEvictsTheLeastRecentlyUsed() {
    CommandExecutor executor = CommandExecutor.builder(store()).stateCacheBytes(4_000).build();
    for (int i = 0; i < 20; i++) {
      opened(executor);
    }
    StateCacheStats stats = executor.stateCacheStats();
    assertThat(stats.weightBytes()).isLessThanOrEqualTo(4_000);
    assertThat(stats.evictions()).isPositive();
    assertThat(stats.entries() + stats.evictions()).isEqualTo(20);
  }

  @Test
  void cacheOffFoldsTheWholeStreamEveryTime() {
    CountingStore store = new CountingStore(store());
    CommandExecutor executor = CommandExecutor.builder(store).stateCacheBytes(0).build();
    StreamId a = opened(executor);
    executor.execute(new Deposit(a, 1));
    executor.execute(new Deposit(a, 1));
    assertThat(store.wholeReads.get()).isEqualTo(3);
    assertThat(store.tailReads.get()).isZero();
    assertThat(executor.stateCacheStats()).isEqualTo(new StateCacheStats(0, 0, 0, 0, 0, 0));
  }

  /** One executor serializes its own commands per stream: threads wait for each other instead of conflicting. */
  @Test
  void sixteenThreadsOnOneHotStreamOfOneExecutorNeverConflictWithEachOther() throws Exception {
    CountingStore store = new CountingStore(store());
    CommandExecutor executor = new CommandExecutor(store);
    StreamId hot = opened(executor);
    store.reset();
    AtomicLong attempts = new AtomicLong();
    int threads = 16;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            attempts.addAndGet(executor.execute(new Deposit(hot, 1)).attempts());
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    int commands = threads * perThread;
    assertThat(store.conflicts.get()).as("conflicts among one executor's threads").isZero();
    assertThat(attempts.get()).isEqualTo(commands);
    assertThat(StoredBalance.of(store(), hot)).isEqualTo(commands);
    try (EventStream events = store().readStream(hot)) {
      assertThat(events.toList()).extracting(StoredEvent::version)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, commands + 1).boxed().toList());
    }
  }

  /**
   * Each iteration deposits an amount through one executor and withdraws the same amount through the other, so
   * every withdrawal is covered when it runs: any rejection would be a false one, decided on a stale cache.
   */
  @Test
  void twoExecutorsWithSeparateCachesRacingOnTheSameStreamsKeepEveryInvariantAndRejectNothing() throws Exception {
    // two processes on three hot streams conflict for real; a generous retry budget keeps the test about false
    // rejections and invariants, not about how often the default 6 attempts run out under such contention
    ConflictRetryPolicy patient = ConflictRetryPolicy.defaults().withMaxAttempts(60);
    CommandExecutor one = new CommandExecutor(store(), patient);
    CommandExecutor two = new CommandExecutor(sameDataOtherStore(), patient);
    List<StreamId> accounts = List.of(opened(one), opened(two), opened(one));
    AtomicLong rejected = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          Random random = new Random(thread);
          for (int i = 0; i < 40; i++) {
            StreamId a = accounts.get(random.nextInt(accounts.size()));
            long amount = 1 + random.nextInt(100);
            CommandExecutor depositor = (thread + i) % 2 == 0 ? one : two;
            CommandExecutor withdrawer = depositor == one ? two : one;
            depositor.execute(new Deposit(a, amount));
            try {
              withdrawer.execute(new Withdraw(a, amount));
            } catch (CommandRejectedException e) {
              rejected.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(rejected.get()).as("false rejections").isZero();
    for (StreamId a : accounts) {
      assertThat(StoredBalance.of(store(), a)).as("balance of %s", a).isZero();
      try (EventStream events = store().readStream(a)) {
        long expected = 1;
        for (StoredEvent e : events.toList()) {
          assertThat(e.version()).isEqualTo(expected++);
        }
      }
    }
    for (StreamId a : accounts) {
      for (CommandExecutor executor : List.of(one, two)) {
        String tag = "race-" + UUID.randomUUID();
        executor.execute(new Probe(a, tag));
        List<AccountState> seen = Probe.SEEN.get(tag);
        assertThat(seen.get(seen.size() - 1).balanceCents()).as("state decided on, after confirmation").isZero();
      }
    }
  }
}

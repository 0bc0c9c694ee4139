package org.eventcore.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventcore.runtime.CommandRejectedException;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ExecutionResult;
import org.eventcore.runtime.store.EventStore;
import org.junit.jupiter.api.Test;

/**
 * Commands executed with an idempotency key, for any store: a repeat writes nothing and returns the original
 * result, also when the first execution changed the state so that deciding again would reject or decide
 * otherwise; a key of another command is bad input; concurrent executions with one key, from two stores on the
 * same data (two processes), write once.
 */
public abstract class IdempotentCommandsContract {

  /** A store; every call may return the same one. */
  protected abstract EventStore store();

  /** Another store on the same data (PostgreSQL: another store instance on the same schema). */
  protected abstract EventStore sameDataOtherStore();

  private static String key() {
    return "request-" + UUID.randomUUID();
  }

  private static StreamId funded(CommandExecutor executor, long cents) {
    StreamId a = StreamId.of("idem-" + UUID.randomUUID());
    executor.execute(new OpenAccount(a, "ann"));
    if (cents > 0) {
      executor.execute(new Deposit(a, cents));
    }
    return a;
  }

  private long version(StreamId s) {
    return store().readStreams(List.of(s), e -> {}).get(s);
  }

  @Test
  void aTransferExecutedTwiceWithOneKeyMovesTheMoneyOnceAndReturnsTheOriginalResult() {
    CommandExecutor executor = new CommandExecutor(store());
    StreamId from = funded(executor, 100);
    StreamId to = funded(executor, 0);
    String key = key();

    ExecutionResult first = executor.execute(new Transfer(from, to, 30), null, key);
    ExecutionResult again = executor.execute(new Transfer(from, to, 30), null, key);

    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(again.events()).isEqualTo(first.events()); // the same transfer id: read back, not decided again
    assertThat(again.streamVersions()).isEqualTo(first.streamVersions());
    assertThat(StoredBalance.of(store(), from)).isEqualTo(70);
    assertThat(StoredBalance.of(store(), to)).isEqualTo(30);
    assertThat(version(from)).isEqualTo(3);
  }

  @Test
  void aRepeatWhoseFirstExecutionChangedTheStateIsAReplayNotARejection() {
    CommandExecutor executor = new CommandExecutor(store());
    StreamId a = funded(executor, 100);
    String key = key();
    ExecutionResult first = executor.execute(new Withdraw(a, 80), null, key);

    // deciding again would refuse: 20 left
    assertThatThrownBy(() -> executor.execute(new Withdraw(a, 80))).isInstanceOf(CommandRejectedException.class);
    ExecutionResult again = executor.execute(new Withdraw(a, 80), null, key);
    // a cold executor (another process after a restart) answers the same
    ExecutionResult cold = new CommandExecutor(sameDataOtherStore()).execute(new Withdraw(a, 80), null, key);

    assertThat(again.replayed()).isTrue();
    assertThat(cold.replayed()).isTrue();
    assertThat(again.events()).isEqualTo(first.events());
    assertThat(cold.events()).isEqualTo(first.events());
    assertThat(StoredBalance.of(store(), a)).isEqualTo(20);
  }

  @Test
  void aKeyUsedByAnotherCommandIsInvalidInputNamingTheKeyAndWritesNothing() {
    CommandExecutor executor = new CommandExecutor(store());
    StreamId a = funded(executor, 100);
    StreamId b = funded(executor, 100);
    String key = key();
    executor.execute(new Deposit(a, 5), null, key);

    assertThatThrownBy(() -> executor.execute(new Withdraw(a, 5), null, key))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("idempotency key '" + key + "'")
        .hasMessageContaining(Deposit.class.getName()).hasMessageContaining(Withdraw.class.getName());
    assertThatThrownBy(() -> executor.execute(new Deposit(b, 5), null, key))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("idempotency key '" + key + "'")
        .hasMessageContaining(b.value());
    assertThat(StoredBalance.of(store(), a)).isEqualTo(105);
    assertThat(StoredBalance.of(store(), b)).isEqualTo(100);
  }

  @Test
  void aRejectedKeyedExecutionStoresNoKeyAndCanSucceedLater() {
    CommandExecutor executor = new CommandExecutor(store());
    StreamId a = funded(executor, 10);
    String key = key();

    assertThatThrownBy(() -> executor.execute(new Withdraw(a, 50), null, key))
        .isInstanceOf(CommandRejectedException.class);
    executor.execute(new Deposit(a, 100));
    ExecutionResult later = executor.execute(new Withdraw(a, 50), null, key);

    assertThat(later.replayed()).isFalse();
    assertThat(StoredBalance.of(store(), a)).isEqualTo(60);
  }

  @Test
  void badKeysAreRejectedBeforeAnythingIsRead() {
    CommandExecutor executor = new CommandExecutor(store());
    StreamId a = funded(executor, 10);
    assertThatThrownBy(() -> executor.execute(new Deposit(a, 1), null, ""))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("idempotency key must be 1..200");
    assertThatThrownBy(() -> executor.execute(new Deposit(a, 1), null, "x\u0000"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("control characters");
    assertThat(StoredBalance.of(store(), a)).isEqualTo(10);
  }

  /**
   * 16 threads on two stores over the same data (two processes) execute one transfer with one key at the same
   * moment: it moves the money once, one execution writes and 15 replay it, all with the same events.
   */
  @Test
  void concurrentExecutionsWithOneKeyFromTwoProcessesWriteOnce() throws Exception {
    CommandExecutor here = new CommandExecutor(store());
    CommandExecutor there = new CommandExecutor(sameDataOtherStore());
    StreamId from = funded(here, 1000);
    StreamId to = funded(here, 0);
    String key = key();
    int threads = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ExecutionResult>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        CommandExecutor executor = t % 2 == 0 ? here : there;
        futures.add(pool.submit(() -> {
          start.await();
          return executor.execute(new Transfer(from, to, 250), null, key);
        }));
      }
      start.countDown();
      List<ExecutionResult> results = new ArrayList<>();
      for (Future<ExecutionResult> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }

      assertThat(results.stream().filter(r -> !r.replayed()).count()).isEqualTo(1);
      ExecutionResult written = results.stream().filter(r -> !r.replayed()).findFirst().orElseThrow();
      assertThat(results).allSatisfy(r -> {
        assertThat(r.events()).isEqualTo(written.events());
        assertThat(r.streamVersions()).isEqualTo(written.streamVersions());
      });
      assertThat(StoredBalance.of(store(), from)).isEqualTo(750);
      assertThat(StoredBalance.of(store(), to)).isEqualTo(250);
      assertThat(version(from)).isEqualTo(3);
      assertThat(version(to)).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }
}

package org.eventcore.examples.bank;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eventcore.runtime.CommandRejectedException;
import org.eventcore.runtime.ConcurrencyConflictException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ExecutionResult;
import org.eventcore.runtime.store.EventStore;

/**
 * The example's workload: open accounts, fund them, then run random transfers from several threads, some of
 * them deliberately invalid (overdrafts, transfers to the same account). Counts what happened and checks that
 * money is conserved by folding every account stream again.
 */
public final class BankWorkload {

  /** Workload size. */
  public record Settings(int accounts, int threads, int transfers, long initialBalanceCents) {}

  /** What the run did. */
  public record Summary(
      long executed,
      long rejected,
      long conflictRetries,
      long gaveUp,
      long eventsWritten,
      long transfersSucceeded,
      double seconds,
      long expectedTotalCents,
      long actualTotalCents,
      Tenths tenths) {

    public boolean moneyConserved() {
      return expectedTotalCents == actualTotalCents;
    }
  }

  /**
   * The rate at the start and at the end of the run, by command count: every command run (executed, rejected or
   * given up) is numbered in the order it finished; the first tenth is the first {@code commands} of them,
   * measured from the start of the run, the last tenth the last {@code commands}, measured from the end of the one
   * before them.
   *
   * @param commands the commands in a tenth (a tenth of all, rounded down, at least 1)
   */
  public record Tenths(long commands, double firstPerSecond, double lastPerSecond) {
    /** The last tenth's rate relative to the first's: 1.0 when the run did not slow down. */
    public double lastOverFirst() {
      return lastPerSecond / firstPerSecond;
    }
  }

  private final EventStore store;
  private final CommandExecutor executor;
  private final Settings settings;
  private final String runId;
  private final AtomicLong executed = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong conflictRetries = new AtomicLong();
  private final AtomicLong gaveUp = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong transfersOk = new AtomicLong();
  /** When each command finished (System.nanoTime), in the order they finished. */
  private final long[] finished;
  private final AtomicLong finishedCount = new AtomicLong();

  public BankWorkload(EventStore store, CommandExecutor executor, Settings settings) {
    this.store = store;
    this.executor = executor;
    this.settings = settings;
    this.runId = Long.toString(System.currentTimeMillis(), 36);
    this.finished = new long[Math.addExact(Math.multiplyExact(2, settings.accounts()), settings.transfers())];
  }

  /** The account stream ids of this run. */
  public List<StreamId> accounts() {
    List<StreamId> ids = new ArrayList<>();
    for (int i = 0; i < settings.accounts(); i++) {
      ids.add(StreamId.of("account-" + runId + "-" + i));
    }
    return ids;
  }

  /**
   * Runs the workload, printing a progress line about once per second to {@code progress} (null for none).
   */
  public Summary run(PrintStream progress) throws InterruptedException {
    List<StreamId> accounts = accounts();
    long started = System.nanoTime();
    for (StreamId account : accounts) {
      run(new OpenAccount(account, "owner of " + account));
      run(new Deposit(account, settings.initialBalanceCents()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
    AtomicLong remaining = new AtomicLong(settings.transfers());
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < settings.threads(); t++) {
      workers.add(pool.submit(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (remaining.getAndDecrement() > 0) {
          StreamId from = accounts.get(random.nextInt(accounts.size()));
          // about 1 in 20 transfers targets the source itself and must be rejected
          StreamId to = random.nextInt(20) == 0 ? from : accounts.get(random.nextInt(accounts.size()));
          // amounts up to 60% of the initial balance: overdrafts happen and must be rejected
          long amount = 1 + random.nextLong(settings.initialBalanceCents() * 6 / 10);
          if (run(new Transfer(from, to, amount))) {
            transfersOk.incrementAndGet();
          }
        }
        return null;
      }));
    }
    pool.shutdown();
    while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
      if (progress != null) {
        progress.printf("  ... %,d commands executed, %,d rejected, %,d conflicts retried, %,d events written%n",
            executed.get(), rejected.get(), conflictRetries.get(), events.get());
      }
    }
    for (Future<?> w : workers) {
      try {
        w.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a workload thread failed", e.getCause());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long expectedTotal = settings.initialBalanceCents() * accounts.size();
    return new Summary(executed.get(), rejected.get(), conflictRetries.get(), gaveUp.get(), events.get(),
        transfersOk.get(), seconds, expectedTotal, totalBalance(accounts), tenths(started));
  }

  /** The first and last tenth's rates of the commands that finished, from {@link #finished}. */
  private Tenths tenths(long started) {
    int n = (int) Math.min(finishedCount.get(), finished.length);
    long[] times = Arrays.copyOf(finished, n);
    Arrays.sort(times); // threads store their times out of order by a few nanoseconds
    int tenth = Math.max(1, n / 10);
    double first = tenth / ((times[tenth - 1] - started) / 1e9);
    long lastStart = n > tenth ? times[n - tenth - 1] : started;
    double last = tenth / ((times[n - 1] - lastStart) / 1e9);
    return new Tenths(tenth, first, last);
  }

  /** Sum of all balances, folded from the stored events of every account. */
  public long totalBalance(List<StreamId> accounts) {
    long total = 0;
    for (long balance : balances(accounts).values()) {
      total += balance;
    }
    return total;
  }

  /** Every account's balance, folded from its stored events: the command side's truth. */
  public Map<StreamId, Long> balances(List<StreamId> accounts) {
    EventCodec<BankEvent> codec = EventCodecs.of(BankEvent.class);
    Map<StreamId, Long> balances = new LinkedHashMap<>();
    accounts.forEach(a -> balances.put(a, 0L));
    store.readStreams(accounts, stored -> {
      BankEvent e = codec.decode(stored.eventType(), stored.payload());
      if (e instanceof BankEvent.MoneyDeposited d) {
        balances.merge(d.account(), d.amountCents(), Long::sum);
      } else if (e instanceof BankEvent.MoneyWithdrawn w) {
        balances.merge(w.account(), -w.amountCents(), Long::sum);
      }
    });
    return balances;
  }

  /**
   * Compares the SQL read model with the command side, account by account: balance and number of entries.
   * Returns the accounts that disagree, empty when all agree.
   */
  public List<String> disagreements(Map<StreamId, ExampleDatabase.SqlBalance> sql) {
    List<String> wrong = new ArrayList<>();
    Map<StreamId, Long> truth = balances(accounts());
    Map<StreamId, Long> moves = movesPerAccount();
    truth.forEach((account, balance) -> {
      ExampleDatabase.SqlBalance row = sql.get(account);
      long entries = moves.getOrDefault(account, 0L);
      if (row == null || row.balanceCents() != balance || row.entries() != entries) {
        wrong.add(account + ": SQL read model " + row + ", events say " + balance + " cents in " + entries);
      }
    });
    return wrong;
  }

  /** Deposits and withdrawals per account, counted from the streams. */
  private Map<StreamId, Long> movesPerAccount() {
    Map<StreamId, Long> moves = new LinkedHashMap<>();
    store.readStreams(accounts(), stored -> {
      if (!stored.eventType().equals("AccountOpened")) {
        moves.merge(stored.streamId(), 1L, Long::sum);
      }
    });
    return moves;
  }

  /**
   * Compares the read model with the command side, account by account: the balance and the number of history
   * entries (one per deposit or withdrawal). Returns the accounts that disagree, empty when all agree.
   */
  public List<String> disagreements(BankReadModel readModel) {
    List<String> wrong = new ArrayList<>();
    Map<StreamId, Long> truth = balances(accounts());
    Map<StreamId, Long> moves = movesPerAccount();
    truth.forEach((account, balance) -> {
      long entries = readModel.history(account).size();
      if (readModel.balance(account) != balance || entries != moves.getOrDefault(account, 0L)) {
        wrong.add(account + ": read model " + readModel.balance(account) + " cents in " + entries
            + " entries, events say " + balance + " cents in " + moves.getOrDefault(account, 0L));
      }
    });
    return wrong;
  }

  private boolean run(Object command) {
    try {
      return execute(command);
    } finally {
      int i = (int) finishedCount.getAndIncrement();
      if (i < finished.length) {
        finished[i] = System.nanoTime();
      }
    }
  }

  private boolean execute(Object command) {
    try {
      ExecutionResult result = executor.execute(command);
      executed.incrementAndGet();
      conflictRetries.addAndGet(result.attempts() - 1L);
      events.addAndGet(result.events().size());
      return true;
    } catch (CommandRejectedException e) {
      rejected.incrementAndGet();
      return false;
    } catch (ConcurrencyConflictException e) {
      gaveUp.incrementAndGet();
      conflictRetries.addAndGet(e.attempts() - 1L);
      return false;
    }
  }
}

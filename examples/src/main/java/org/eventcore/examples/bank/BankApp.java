package org.eventcore.examples.bank;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.projection.ProjectionOptions;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.runtime.projection.ProjectionSource;
import org.eventcore.runtime.store.EventStore;

/**
 * The example application: runs the bank workload while a continuous projection keeps the read model, and prints
 * a summary with its checks: money conserved, the read model caught up and agreeing with the command side, and,
 * on PostgreSQL, the events table (counted by SQL) agreeing with what the commands reported.
 *
 * <p>Arguments (all optional): {@code --store=postgres} (default: DATABASE_URL when set, else embedded
 * PostgreSQL) or {@code --store=memory}, {@code --accounts=N}, {@code --threads=N}, {@code --transfers=N}. Exits
 * with status 1 when a check fails.
 *
 * <p>The read model lives in memory while its checkpoint lives in the store: on a persistent DATABASE_URL a later
 * run's read model starts at the previous run's checkpoint, which is why the checks look at this run's accounts.
 */
public final class BankApp {
  private BankApp() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    PrintStream out = System.out;
    out.printf("EventCore bank example: %d accounts, %d threads, %,d transfers, %s store%n",
        options.settings.accounts(), options.settings.threads(), options.settings.transfers(), options.store);
    boolean ok;
    if (options.store.equals("memory")) {
      InMemoryEventStore store = new InMemoryEventStore();
      ok = run(out, store, store, options.settings, null);
    } else {
      try (ExampleDatabase database = ExampleDatabase.start()) {
        out.println("Using " + database.description());
        try (PostgresEventStore store = database.openStore()) {
          ok = run(out, store, store, options.settings, database);
        }
      }
    }
    System.exit(ok ? 0 : 1);
  }

  /**
   * Runs the workload on {@code store} while a continuous projection keeps the read model, then prints the
   * summary and its checks. Returns whether every check passed.
   */
  static boolean run(PrintStream out, EventStore store, ProjectionSource source, BankWorkload.Settings settings,
      ExampleDatabase database) throws InterruptedException {
    CommandExecutor executor = new CommandExecutor(store);
    BankWorkload workload = new BankWorkload(store, executor, settings);
    BankReadModel readModel = new BankReadModel();
    BankWorkload.Summary s;
    boolean ok;
    try (ProjectionRunner<BankReadModel> runner = new ProjectionRunner<>(source, readModel).start()) {
      s = workload.run(out);
      ok = printSummary(out, s);
      long started = System.nanoTime();
      boolean caughtUp = runner.awaitCaughtUp(Duration.ofSeconds(60));
      List<String> wrong = workload.disagreements(readModel);
      out.printf("  read model caught up  %12s  (%.0f ms after the last command, %,d events projected)%n",
          caughtUp ? "yes" : "NO", (System.nanoTime() - started) / 1e6, runner.status().eventsProcessed());
      out.printf("  read model agrees     %12s  (%d accounts: balances and history vs the event streams)%n",
          wrong.isEmpty() ? "yes" : "NO", workload.accounts().size());
      wrong.forEach(w -> out.println("    " + w));
      ok = ok && caughtUp && wrong.isEmpty();
    }
    if (database != null) {
      ok = checkSqlReadModel(out, source, workload, database) && ok;
      ExampleDatabase.EventCounts counts = database.countEvents(workload.accounts());
      boolean agrees = counts.total() == s.eventsWritten() && counts.distinctEventIds() == counts.total();
      out.printf("  events table agrees   %12s  (%,d rows by SQL, %,d distinct ids; the commands reported %,d)%n",
          agrees ? "yes" : "NO", counts.total(), counts.distinctEventIds(), s.eventsWritten());
      ok = ok && agrees;
    }
    return ok;
  }

  /**
   * Catches the exactly-once SQL read model up (a transactional projection: read-model rows and checkpoint commit
   * together) and compares it with the event streams.
   */
  static boolean checkSqlReadModel(PrintStream out, ProjectionSource source, BankWorkload workload,
      ExampleDatabase database) {
    database.createReadModelTable();
    SqlBalances sqlBalances = new SqlBalances(database.config().schema());
    ProjectionOptions options = ProjectionOptions.defaults().withTransactional(true);
    ProjectionRunner.CatchUp caughtUp = new ProjectionRunner<>(source, sqlBalances, options).runOnce();
    List<String> wrong = workload.disagreements(database.sqlBalances(workload.accounts()));
    out.printf("  SQL read model agrees %12s  (exactly-once projection, %,d events applied in this catch-up)%n",
        wrong.isEmpty() ? "yes" : "NO", caughtUp.events());
    wrong.forEach(w -> out.println("    " + w));
    return wrong.isEmpty();
  }

  static boolean printSummary(PrintStream out, BankWorkload.Summary s) {
    out.println();
    out.println("Summary");
    out.printf("  commands executed     %,12d  (%,.0f commands/s over %.2f s)%n", s.executed(),
        s.executed() / s.seconds(), s.seconds());
    BankWorkload.Tenths t = s.tenths();
    out.printf("  rate, first tenth     %,12.0f  commands/s (the first %,d commands to finish)%n", t.firstPerSecond(),
        t.commands());
    out.printf("  rate, last tenth      %,12.0f  commands/s (the last %,d commands to finish: %.0f %% of the first)%n",
        t.lastPerSecond(), t.commands(), 100 * t.lastOverFirst());
    out.printf("  commands rejected     %,12d  (business rules: overdraft, same account)%n", s.rejected());
    out.printf("  conflicts retried     %,12d%n", s.conflictRetries());
    out.printf("  gave up on conflicts  %,12d%n", s.gaveUp());
    out.printf("  transfers succeeded   %,12d%n", s.transfersSucceeded());
    out.printf("  events written        %,12d%n", s.eventsWritten());
    out.printf("  money conserved       %12s  (expected %,d cents, found %,d)%n",
        s.moneyConserved() ? "yes" : "NO", s.expectedTotalCents(), s.actualTotalCents());
    return s.moneyConserved();
  }

  /** Parsed command line. */
  record Options(String store, BankWorkload.Settings settings) {
    static Options parse(String[] args) {
      String store = "postgres";
      int accounts = 10;
      int threads = 8;
      int transfers = 5_000;
      for (String arg : args) {
        String[] kv = arg.split("=", 2);
        if (kv.length != 2 || !kv[0].startsWith("--")) {
          throw new IllegalArgumentException("arguments look like --name=value, got '" + arg + "'");
        }
        switch (kv[0]) {
          case "--store" -> store = kv[1];
          case "--accounts" -> accounts = positive(kv);
          case "--threads" -> threads = positive(kv);
          case "--transfers" -> transfers = positive(kv);
          default -> throw new IllegalArgumentException("unknown option " + kv[0]
              + "; known: --store, --accounts, --threads, --transfers");
        }
      }
      if (!store.equals("memory") && !store.equals("postgres")) {
        throw new IllegalArgumentException("--store must be postgres or memory, got '" + store + "'");
      }
      return new Options(store, new BankWorkload.Settings(accounts, threads, transfers, 100_000));
    }

    private static int positive(String[] kv) {
      try {
        int v = Integer.parseInt(kv[1]);
        if (v > 0) {
          return v;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new IllegalArgumentException(kv[0] + " must be a positive integer, got '" + kv[1] + "'");
    }
  }
}

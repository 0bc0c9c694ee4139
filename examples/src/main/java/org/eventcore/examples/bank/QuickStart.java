package org.eventcore.examples.bank;

import java.time.Duration;
import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ExecutionResult;
import org.eventcore.runtime.store.EventStore;

/** The README's quick start, compiled. */
public final class QuickStart {
  private QuickStart() {}

  /** Opens the PostgreSQL store at {@code url} and creates or migrates its schema. */
  public static PostgresEventStore connect(String url) {
    PostgresConfig config = PostgresConfig.builder()
        .url(url)
        .maxConnections(10)
        .acquireTimeout(Duration.ofSeconds(5))
        .build();
    PostgresEventStore store = new PostgresEventStore(config);
    store.initialize(); // creates the schema; safe to call many times, from many processes at once
    return store;
  }

  /** The same, configured from DATABASE_URL, DATABASE_MAX_CONNECTIONS and DATABASE_ACQUIRE_TIMEOUT. */
  public static PostgresEventStore connectFromEnvironment() {
    PostgresEventStore store = new PostgresEventStore(PostgresConfig.fromEnvironment());
    store.initialize();
    return store;
  }

  /** Opens and funds an account, then withdraws from it. */
  public static ExecutionResult withdraw(EventStore store, StreamId account) {
    new CommandExecutor(store).execute(new OpenAccount(account, "Ann"));
    new CommandExecutor(store).execute(new Deposit(account, 10_000));
    CommandExecutor executor = new CommandExecutor(store);
    ExecutionResult result = executor.execute(new Withdraw(account, 2_500));
    return result;
  }

  /**
   * Transfers once per request id: a repeat of the request (a client retry after a timeout, a redelivered message)
   * writes nothing and returns the first execution's result.
   */
  public static ExecutionResult transferOnce(
      CommandExecutor executor, StreamId from, StreamId to, String requestId) {
    ExecutionResult result = executor.execute(new Transfer(from, to, 2_500), null, requestId);
    if (result.replayed()) {
      // a command had already committed under requestId: nothing was written, result is that command's
      System.out.println("request " + requestId + " had already been executed: " + result.events());
    }
    return result;
  }
}

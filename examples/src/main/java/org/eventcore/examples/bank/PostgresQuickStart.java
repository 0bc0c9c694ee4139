package org.eventcore.examples.bank;

import org.eventcore.postgres.PostgresConfig;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;

/** The quick start of docs/POSTGRES.md, compiled: opens an account on the server named by DATABASE_URL. */
public final class PostgresQuickStart {
  private PostgresQuickStart() {}

  public static void main(String[] args) {
    PostgresConfig config = PostgresConfig.fromEnvironment();      // DATABASE_URL, DATABASE_MAX_CONNECTIONS, ...
    try (PostgresEventStore store = new PostgresEventStore(config)) {
      store.initialize();                                          // creates or migrates the schema; idempotent
      CommandExecutor executor = new CommandExecutor(store);
      executor.execute(new OpenAccount(StreamId.of("account-1"), "Ann"));
    }
  }
}

package org.eventcore.examples.bank;

import org.eventcore.runtime.EventStore;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ExecutionResult;

/** The README's quick start, compiled. */
public final class QuickStart {
  private QuickStart() {}

  /** Opens and funds an account, then withdraws from it. */
  public static ExecutionResult withdraw(EventStore store, StreamId account) {
    new CommandExecutor(store).execute(new OpenAccount(account, "Ann"));
    new CommandExecutor(store).execute(new Deposit(account, 10_000));
    CommandExecutor executor = new CommandExecutor(store);
    ExecutionResult result = executor.execute(new Withdraw(account, 2_500));
    return result;
  }
}

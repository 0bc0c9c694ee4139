package org.eventcore.benchmarks;

import org.eventcore.annotations.Projection;
import org.eventcore.examples.bank.BankEvent.AccountOpened;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.examples.bank.BankEvent.MoneyWithdrawn;

/** A minimal read model over the bank family (generated dispatcher): counts events and sums balances. */
@Projection(name = "bench-balances")
public final class BalanceProjection {
  long events;
  long accounts;
  long balance;

  void on(AccountOpened e) {
    events++;
    accounts++;
  }

  void on(MoneyDeposited e) {
    events++;
    balance += e.amountCents();
  }

  void on(MoneyWithdrawn e) {
    events++;
    balance -= e.amountCents();
  }
}

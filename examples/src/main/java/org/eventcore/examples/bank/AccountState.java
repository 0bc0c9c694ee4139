package org.eventcore.examples.bank;

import org.eventcore.annotations.Snapshot;
import org.eventcore.examples.bank.BankEvent.AccountOpened;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.examples.bank.BankEvent.MoneyWithdrawn;

/**
 * The state of one account, folded from its stream. The apply methods are found by the annotation processor:
 * every event of {@link BankEvent} has one, which the processor checks at compile time. {@code @Snapshot}: a
 * long account stream is read from its newest snapshot (written every 100 events) plus the events after it.
 */
@Snapshot(version = 1)
public record AccountState(boolean open, String owner, long balanceCents) {

  /** Before the first event. */
  public static AccountState initial() {
    return new AccountState(false, null, 0);
  }

  AccountState apply(AccountOpened e) {
    return new AccountState(true, e.owner(), balanceCents);
  }

  AccountState apply(MoneyDeposited e) {
    return new AccountState(open, owner, balanceCents + e.amountCents());
  }

  AccountState apply(MoneyWithdrawn e) {
    return new AccountState(open, owner, balanceCents - e.amountCents());
  }
}

package org.eventcore.examples.bank;

import java.util.List;
import java.util.Optional;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.runtime.StreamId;

/** Deposits what the account lacks to reach a target balance; nothing when it already has it. */
@Command
public record TopUp(@Stream StreamId account, long targetCents) {

  List<BankEvent> handle(AccountState state) {
    long missing = targetCents - state.balanceCents();
    return missing <= 0 ? List.of() : List.of(new MoneyDeposited(account, missing, Optional.empty()));
  }
}

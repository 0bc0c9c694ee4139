package org.eventcore.examples.bank;

import java.util.List;
import java.util.Optional;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.CommandRejectedException;
import org.eventcore.runtime.StreamId;

/** Deposits one cent, unless the account already saw {@code limit} deposits (then it is rejected). */
@Command
public record CountDeposit(@Stream StreamId account, long limit) {

  List<BankEvent> handle(DepositTally state) {
    if (state.deposits() >= limit) {
      throw new CommandRejectedException("account " + account + " saw " + state.deposits() + " deposits");
    }
    return List.of(new BankEvent.MoneyDeposited(account, 1, Optional.empty()));
  }
}

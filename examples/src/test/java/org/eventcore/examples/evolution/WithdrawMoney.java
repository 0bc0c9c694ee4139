package org.eventcore.examples.evolution;

import static org.eventcore.runtime.command.Rules.require;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/** Withdraws if the balance, folded from upcast events, covers it. */
@Command
public record WithdrawMoney(@Stream StreamId account, long cents) {

  List<AccountEvent> handle(Account state) {
    require(state.open(), "account %s is not open", account);
    require(state.balance().compareTo(BigDecimal.valueOf(cents, 2)) >= 0, "balance %s does not cover %s",
        state.balance(), BigDecimal.valueOf(cents, 2));
    return List.of(new AccountEvent.MoneyWithdrawn(account, cents, Optional.empty()));
  }
}

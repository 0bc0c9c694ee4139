package org.eventcore.examples.bank;

import static org.eventcore.runtime.command.Rules.require;

import java.util.List;
import java.util.Optional;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.runtime.StreamId;

/** Deposits a positive amount into an open account. */
@Command
public record Deposit(@Stream StreamId account, long amountCents) {

  List<BankEvent> handle(AccountState state) {
    require(amountCents > 0, "deposit amount must be positive, got %d", amountCents);
    require(state.open(), "account %s is not open", account);
    return List.of(new MoneyDeposited(account, amountCents, Optional.empty()));
  }
}

package org.eventcore.examples.bank;

import static org.eventcore.runtime.command.Rules.require;

import java.util.List;
import java.util.Optional;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.examples.bank.BankEvent.MoneyWithdrawn;
import org.eventcore.runtime.StreamId;

/** Withdraws a positive amount from an open account, never below zero. */
@Command
public record Withdraw(@Stream StreamId account, long amountCents) {

  List<BankEvent> handle(AccountState state) {
    require(amountCents > 0, "withdrawal amount must be positive, got %d", amountCents);
    require(state.open(), "account %s is not open", account);
    require(state.balanceCents() >= amountCents, "account %s has insufficient funds: balance %d, withdrawal %d",
        account, state.balanceCents(), amountCents);
    return List.of(new MoneyWithdrawn(account, amountCents, Optional.empty()));
  }
}

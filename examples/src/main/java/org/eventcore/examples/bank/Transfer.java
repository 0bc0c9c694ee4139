package org.eventcore.examples.bank;

import static org.eventcore.runtime.command.Rules.require;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.examples.bank.BankEvent.AccountOpened;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.examples.bank.BankEvent.MoneyWithdrawn;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;

/**
 * Moves money between two accounts atomically: both streams are read, both versions are checked, and the
 * withdrawal and the deposit are written in one append, or neither is.
 */
@Command
public record Transfer(@Stream StreamId from, @Stream StreamId to, long amountCents) {

  /** Both accounts' states; each event is routed by the stream it belongs to. */
  record Accounts(AccountState source, AccountState target) {}

  Accounts initialState() {
    return new Accounts(AccountState.initial(), AccountState.initial());
  }

  Accounts apply(Accounts s, AccountOpened e) {
    return from.equals(e.account()) ? new Accounts(s.source().apply(e), s.target())
        : new Accounts(s.source(), s.target().apply(e));
  }

  Accounts apply(Accounts s, MoneyDeposited e) {
    return from.equals(e.account()) ? new Accounts(s.source().apply(e), s.target())
        : new Accounts(s.source(), s.target().apply(e));
  }

  Accounts apply(Accounts s, MoneyWithdrawn e) {
    return from.equals(e.account()) ? new Accounts(s.source().apply(e), s.target())
        : new Accounts(s.source(), s.target().apply(e));
  }

  List<BankEvent> handle(Accounts s) {
    require(!from.equals(to), "cannot transfer from account %s to itself", from);
    require(amountCents > 0, "transfer amount must be positive, got %d", amountCents);
    require(s.source().open(), "source account %s is not open", from);
    require(s.target().open(), "target account %s is not open", to);
    require(s.source().balanceCents() >= amountCents,
        "account %s has insufficient funds: balance %d, transfer %d", from, s.source().balanceCents(), amountCents);
    UUID transferId = UuidV7.next();
    return List.of(
        new MoneyWithdrawn(from, amountCents, Optional.of(transferId)),
        new MoneyDeposited(to, amountCents, Optional.of(transferId)));
  }
}

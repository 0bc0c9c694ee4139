package org.eventcore.examples.bank;

import static org.eventcore.runtime.command.Rules.require;

import java.time.Instant;
import java.util.List;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.examples.bank.BankEvent.AccountOpened;
import org.eventcore.runtime.StreamId;

/** Opens an account; an account opens once. */
@Command
public record OpenAccount(@Stream StreamId account, String owner) {

  List<BankEvent> handle(AccountState state) {
    require(!state.open(), "account %s is already open", account);
    require(owner != null && !owner.isBlank(), "account owner must not be blank");
    return List.of(new AccountOpened(account, owner, Instant.now()));
  }
}

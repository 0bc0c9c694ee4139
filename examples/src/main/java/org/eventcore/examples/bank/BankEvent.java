package org.eventcore.examples.bank;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eventcore.annotations.Events;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/** Everything that can happen to a bank account. Each event names the account stream it belongs to. */
@Events
public sealed interface BankEvent {

  /** An account was opened for its owner. */
  record AccountOpened(@Stream StreamId account, String owner, Instant openedAt) implements BankEvent {}

  /** Money arrived, by deposit or as the incoming half of a transfer. */
  record MoneyDeposited(@Stream StreamId account, long amountCents, Optional<UUID> transferId)
      implements BankEvent {}

  /** Money left, by withdrawal or as the outgoing half of a transfer. */
  record MoneyWithdrawn(@Stream StreamId account, long amountCents, Optional<UUID> transferId)
      implements BankEvent {}
}

package org.eventcore.examples.evolution;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eventcore.annotations.EventType;
import org.eventcore.annotations.EventVersion;
import org.eventcore.annotations.Events;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/**
 * The bank's events one release later: {@link org.eventcore.examples.bank.BankEvent} evolved, and every row the
 * earlier bank wrote still reads. Each change of docs/EVOLUTION.md appears here once.
 */
@Events(formerVersions = {
    AccountEvent.MoneyDepositedV1.class,
    AccountEvent.MoneyDepositedV2.class,
    AccountEvent.MoneyWithdrawnV1.class,
    AccountEvent.WithdrawnWithFeeV1.class,
    AccountEvent.BonusPaidV1.class})
public sealed interface AccountEvent {

  /** Renamed type (the old name stays an alias), removed field (openedAt), added field (branch). */
  @EventType(value = "account.opened", aliases = "AccountOpened")
  record Opened(@Stream StreamId account, String owner, Optional<String> branch) implements AccountEvent {}

  /** Version 3: a BigDecimal amount and its currency. */
  @EventType(version = 3)
  record MoneyDeposited(@Stream StreamId account, BigDecimal amount, String currency, Optional<UUID> transferId)
      implements AccountEvent {}

  /** Version 2: amountCents renamed to cents. */
  @EventType(version = 2)
  record MoneyWithdrawn(@Stream StreamId account, long cents, Optional<UUID> transferId) implements AccountEvent {}

  /** New in this release; old rows of WithdrawnWithFee are split into a withdrawal and a fee. */
  record FeeCharged(@Stream StreamId account, long cents) implements AccountEvent {}

  /** MoneyDeposited as the first bank wrote it: version 1, the shape of BankEvent.MoneyDeposited. */
  @EventVersion(of = "MoneyDeposited", version = 1)
  record MoneyDepositedV1(StreamId account, long amountCents, Optional<UUID> transferId) {
    MoneyDepositedV2 upcast() {
      return new MoneyDepositedV2(account, amountCents, "EUR", transferId);
    }
  }

  /** Version 2 renamed amountCents and added the currency. */
  @EventVersion(of = "MoneyDeposited", version = 2)
  record MoneyDepositedV2(StreamId account, long cents, String currency, Optional<UUID> transferId) {
    MoneyDeposited upcast() {
      return new MoneyDeposited(account, BigDecimal.valueOf(cents, 2), currency, transferId);
    }
  }

  /** MoneyWithdrawn before the rename of amountCents. */
  @EventVersion(of = "MoneyWithdrawn", version = 1)
  record MoneyWithdrawnV1(StreamId account, long amountCents, Optional<UUID> transferId) {
    MoneyWithdrawn upcast() {
      return new MoneyWithdrawn(account, amountCents, transferId);
    }
  }

  /** One row for a withdrawal and its fee, now two events of the same stream. */
  @EventVersion(of = "WithdrawnWithFee")
  record WithdrawnWithFeeV1(StreamId account, long amountCents, long feeCents) {
    List<AccountEvent> upcast() {
      if (feeCents < 0) {
        throw new IllegalArgumentException("fee must not be negative, got " + feeCents);
      }
      return List.of(new MoneyWithdrawn(account, amountCents, Optional.empty()), new FeeCharged(account, feeCents));
    }
  }

  /** Bonuses had a type of their own; they are deposits now (two types merged into one). */
  @EventVersion(of = "BonusPaid")
  record BonusPaidV1(StreamId account, long cents) {
    MoneyDeposited upcast() {
      return new MoneyDeposited(account, BigDecimal.valueOf(cents, 2), "EUR", Optional.empty());
    }
  }
}

package org.eventcore.benchmarks;

import java.util.Optional;
import java.util.UUID;
import org.eventcore.annotations.EventType;
import org.eventcore.annotations.EventVersion;
import org.eventcore.annotations.Events;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/** The bank's deposit after a field rename, with its former version: the family of {@link UpcastBenchmark}. */
@Events(formerVersions = DepositEvent.DepositedV1.class)
public sealed interface DepositEvent {

  /** Version 2: amountCents renamed to cents. */
  @EventType(version = 2)
  record Deposited(@Stream StreamId account, long cents, Optional<UUID> transferId) implements DepositEvent {}

  /** Version 1, the shape of BankEvent.MoneyDeposited. */
  @EventVersion(of = "Deposited", version = 1)
  record DepositedV1(StreamId account, long amountCents, Optional<UUID> transferId) {
    Deposited upcast() {
      return new Deposited(account, amountCents, transferId);
    }
  }
}

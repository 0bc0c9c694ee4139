package org.eventcore.examples.bank;

import org.eventcore.annotations.Snapshot;

/**
 * A state whose meaning changed once: version 1 counted every event, version 2 counts deposits only. Snapshots
 * written by version 1 must be ignored, which {@code SnapshotContract} proves by storing one.
 */
@Snapshot(version = 2)
public record DepositTally(long deposits, long cents) {

  public static DepositTally initial() {
    return new DepositTally(0, 0);
  }

  DepositTally apply(BankEvent.MoneyDeposited e) {
    return new DepositTally(deposits + 1, cents + e.amountCents());
  }

  DepositTally apply(BankEvent e) {
    return this;
  }
}

package org.eventcore.examples.bank;

import org.eventcore.annotations.Snapshot;

/**
 * A snapshotted state of two streams, folded on the state type, whose value depends on the order the fold applies
 * events in: a snapshot extended out of a fresh fold's order would show ({@code MultiStreamSnapshotTest}).
 */
@Snapshot(version = 1)
public record PairHash(long hash) {

  public static PairHash initial() {
    return new PairHash(17);
  }

  PairHash apply(BankEvent.MoneyDeposited e) {
    return new PairHash(hash * 1_000_003 + e.account().hashCode() + 7 * e.amountCents());
  }

  PairHash apply(BankEvent e) {
    return new PairHash(hash * 31 + 1);
  }
}

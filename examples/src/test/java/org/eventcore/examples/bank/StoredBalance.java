package org.eventcore.examples.bank;

import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.EventStream;

/** An account's balance as its stored events say, read past every executor and cache. */
final class StoredBalance {
  private StoredBalance() {}

  /** Deposits minus withdrawals in the account's stream, in cents. */
  static long of(EventStore store, StreamId account) {
    EventCodec<BankEvent> codec = EventCodecs.of(BankEvent.class);
    long balance = 0;
    try (EventStream events = store.readStream(account)) {
      for (StoredEvent e : events.toList()) {
        BankEvent event = codec.decode(e.eventType(), e.payload());
        if (event instanceof BankEvent.MoneyDeposited d) {
          balance += d.amountCents();
        } else if (event instanceof BankEvent.MoneyWithdrawn w) {
          balance -= w.amountCents();
        }
      }
    }
    return balance;
  }
}

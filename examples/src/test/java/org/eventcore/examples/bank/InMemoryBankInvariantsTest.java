package org.eventcore.examples.bank;

import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.store.EventStore;

class InMemoryBankInvariantsTest extends BankInvariantsContract {
  @Override
  protected EventStore store() {
    return new InMemoryEventStore();
  }
}

package org.eventcore.examples.bank;

import org.eventcore.runtime.EventStore;
import org.eventcore.runtime.memory.InMemoryEventStore;

class InMemoryBankInvariantsTest extends BankInvariantsContract {
  @Override
  protected EventStore store() {
    return new InMemoryEventStore();
  }
}

package org.eventcore.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.EventStream;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the bank under many concurrent transfers through the {@link CommandExecutor}, for any store:
 * money conserved, every account's versions contiguous from 1, no event id twice, and exactly the events the
 * successful commands reported.
 */
public abstract class BankInvariantsContract {

  protected abstract EventStore store();

  protected CommandExecutor executor(EventStore store) {
    return new CommandExecutor(store);
  }

  @Test
  void sixteenThreadsOfRandomTransfersOverTenAccountsKeepEveryInvariant() throws Exception {
    EventStore store = store();
    BankWorkload workload = new BankWorkload(store, executor(store), new BankWorkload.Settings(10, 16, 1_500, 10_000));

    BankWorkload.Summary s = workload.run(null);

    assertThat(s.moneyConserved()).as("money conserved: %s", s).isTrue();
    assertThat(s.transfersSucceeded()).isPositive();
    assertThat(s.rejected()).isPositive();
    List<StreamId> accounts = workload.accounts();
    Set<UUID> ids = new HashSet<>();
    long total = 0;
    for (StreamId account : accounts) {
      try (EventStream events = store.readStream(account)) {
        long expected = 1;
        while (events.hasNext()) {
          StoredEvent e = events.next();
          assertThat(e.version()).as("version in %s", account).isEqualTo(expected++);
          assertThat(ids.add(e.eventId())).as("event id %s unique", e.eventId()).isTrue();
          total++;
        }
      }
    }
    assertThat(total).isEqualTo(s.eventsWritten());
    assertThat(s.eventsWritten()).isEqualTo(2L * accounts.size() + 2L * s.transfersSucceeded());
  }
}

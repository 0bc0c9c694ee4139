package org.eventcore.examples.bank;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventcore.annotations.Projection;
import org.eventcore.examples.bank.BankEvent.AccountOpened;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.examples.bank.BankEvent.MoneyWithdrawn;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.projection.EventEnvelope;

/**
 * The bank's read model, kept by a projection: the balance of every account and its transaction history. The
 * processor checks that every bank event has a handler and generates the dispatcher.
 */
@Projection(name = "bank-read-model")
public final class BankReadModel {

  /** One line of an account's history. */
  public record Entry(long version, long amountCents, Optional<UUID> transferId, Instant recordedAt) {}

  private final Map<StreamId, Long> balances = new ConcurrentHashMap<>();
  private final Map<StreamId, List<Entry>> history = new ConcurrentHashMap<>();

  void on(AccountOpened e) {
    balances.putIfAbsent(e.account(), 0L);
  }

  void on(MoneyDeposited e, EventEnvelope envelope) {
    record(e.account(), new Entry(envelope.version(), e.amountCents(), e.transferId(), envelope.recordedAt()));
  }

  void on(MoneyWithdrawn e, EventEnvelope envelope) {
    record(e.account(), new Entry(envelope.version(), -e.amountCents(), e.transferId(), envelope.recordedAt()));
  }

  private void record(StreamId account, Entry entry) {
    balances.merge(account, entry.amountCents(), Long::sum);
    history.computeIfAbsent(account, k -> new CopyOnWriteArrayList<>()).add(entry);
  }

  /** The balance of an account, 0 when unknown. */
  public long balance(StreamId account) {
    return balances.getOrDefault(account, 0L);
  }

  /** The account's deposits (positive) and withdrawals (negative), in stream order. */
  public List<Entry> history(StreamId account) {
    return List.copyOf(history.getOrDefault(account, List.of()));
  }

  /** Accounts known to the read model. */
  public int accounts() {
    return balances.size();
  }
}

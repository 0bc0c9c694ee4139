package org.eventcore.examples.bank;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/**
 * Folds a hash of every event of two streams in the order the fold applies them, so any other order gives
 * another state: a cached state extended out of a fresh fold's order would show. Its fold reads nothing of the
 * command, so it is cached per command type and streams. Records the hash its handle sees under its tag.
 */
@Command
public record OrderProbe(@Stream StreamId first, @Stream StreamId second, String tag) {
  static final Map<String, Long> SEEN = new ConcurrentHashMap<>();

  Long initialState() {
    return 17L;
  }

  Long apply(Long hash, BankEvent e) {
    long code;
    if (e instanceof BankEvent.MoneyDeposited d) {
      code = d.account().hashCode() + 7 * d.amountCents();
    } else if (e instanceof BankEvent.MoneyWithdrawn w) {
      code = w.account().hashCode() - 11 * w.amountCents();
    } else {
      code = ((BankEvent.AccountOpened) e).account().hashCode();
    }
    return hash * 1_000_003 + code;
  }

  List<BankEvent> handle(Long hash) {
    SEEN.put(tag, hash);
    return List.of();
  }
}

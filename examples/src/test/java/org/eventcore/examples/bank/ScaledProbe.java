package org.eventcore.examples.bank;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.examples.bank.BankEvent.AccountOpened;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.examples.bank.BankEvent.MoneyWithdrawn;
import org.eventcore.runtime.StreamId;

/**
 * Folds an account's balance multiplied by {@code factor}, a component that is not a stream: the state depends
 * on a command field beyond the streams, so it must never be cached (two probes with different factors on one
 * stream would otherwise share a state). Records the balance its handle sees under its tag.
 */
@Command
public record ScaledProbe(@Stream StreamId account, long factor, String tag) {
  static final Map<String, Long> SEEN = new ConcurrentHashMap<>();

  Long initialState() {
    return 0L;
  }

  Long apply(Long balance, AccountOpened e) {
    return balance;
  }

  Long apply(Long balance, MoneyDeposited e) {
    return balance + factor * e.amountCents();
  }

  Long apply(Long balance, MoneyWithdrawn e) {
    return balance - factor * e.amountCents();
  }

  List<BankEvent> handle(Long balance) {
    SEEN.put(tag, balance);
    return List.of();
  }
}

package org.eventcore.examples.bank;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/**
 * Records every state its handle is given (under its tag) and decides nothing: shows the tests what the executor
 * decided on, cached or read. Shares the account state's cache entries with Deposit and Withdraw.
 */
@Command
public record Probe(@Stream StreamId account, String tag) {
  static final Map<String, List<AccountState>> SEEN = new ConcurrentHashMap<>();

  List<BankEvent> handle(AccountState state) {
    SEEN.computeIfAbsent(tag, t -> new CopyOnWriteArrayList<>()).add(state);
    return List.of();
  }
}

package org.eventcore.examples.bank;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.examples.bank.BankEvent.AccountOpened;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.examples.bank.BankEvent.MoneyWithdrawn;
import org.eventcore.examples.bank.Transfer.Accounts;
import org.eventcore.runtime.StreamId;

/**
 * Records every state its handle is given (under its tag) and decides nothing, like {@link Probe}, for a fold on
 * the command over two streams: Transfer's state type, but each event routed by {@code to} where Transfer routes
 * by {@code from}. Its fold reads only stream components, so it is cached; were it to share Transfer's entries,
 * its states would come out mirrored.
 */
@Command
public record PairProbe(@Stream StreamId from, @Stream StreamId to, String tag) {
  static final Map<String, List<Accounts>> SEEN = new ConcurrentHashMap<>();

  Accounts initialState() {
    return new Accounts(AccountState.initial(), AccountState.initial());
  }

  Accounts apply(Accounts s, AccountOpened e) {
    return to.equals(e.account()) ? new Accounts(s.source(), s.target().apply(e))
        : new Accounts(s.source().apply(e), s.target());
  }

  Accounts apply(Accounts s, MoneyDeposited e) {
    return to.equals(e.account()) ? new Accounts(s.source(), s.target().apply(e))
        : new Accounts(s.source().apply(e), s.target());
  }

  Accounts apply(Accounts s, MoneyWithdrawn e) {
    return to.equals(e.account()) ? new Accounts(s.source(), s.target().apply(e))
        : new Accounts(s.source().apply(e), s.target());
  }

  List<BankEvent> handle(Accounts state) {
    SEEN.computeIfAbsent(tag, t -> new CopyOnWriteArrayList<>()).add(state);
    return List.of();
  }
}

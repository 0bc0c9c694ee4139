package org.eventcore.examples.evolution;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventcore.annotations.Projection;
import org.eventcore.examples.evolution.AccountEvent.FeeCharged;
import org.eventcore.examples.evolution.AccountEvent.MoneyDeposited;
import org.eventcore.examples.evolution.AccountEvent.MoneyWithdrawn;
import org.eventcore.examples.evolution.AccountEvent.Opened;
import org.eventcore.runtime.StreamId;

/** A read model over current events: balances and a statement line per event. */
@Projection(name = "evolved-balances")
public final class Balances {
  final Map<StreamId, BigDecimal> balances = new LinkedHashMap<>();
  final List<String> statement = new ArrayList<>();

  void on(Opened e) {
    balances.put(e.account(), BigDecimal.valueOf(0, 2));
    statement.add(e.account() + " opened by " + e.owner() + e.branch().map(b -> " at " + b).orElse(""));
  }

  void on(MoneyDeposited e) {
    balances.merge(e.account(), e.amount(), BigDecimal::add);
    statement.add(e.account() + " +" + e.amount() + " " + e.currency());
  }

  void on(MoneyWithdrawn e) {
    balances.merge(e.account(), BigDecimal.valueOf(-e.cents(), 2), BigDecimal::add);
    statement.add(e.account() + " -" + BigDecimal.valueOf(e.cents(), 2));
  }

  void on(FeeCharged e) {
    balances.merge(e.account(), BigDecimal.valueOf(-e.cents(), 2), BigDecimal::add);
    statement.add(e.account() + " fee " + BigDecimal.valueOf(e.cents(), 2));
  }
}

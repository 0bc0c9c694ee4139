package org.eventcore.examples.codec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventcore.annotations.EventType;
import org.eventcore.annotations.Events;
import org.eventcore.annotations.Projection;
import org.eventcore.annotations.Stream;
import org.eventcore.examples.bank.BankEvent;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.projection.EventEnvelope;

/** Fixture projections for the binding tests: record handlers, a catch-all, envelopes, two families, aliases. */
public final class Projections {
  private Projections() {}

  /** A second family, stored under names with aliases. */
  @Events
  public sealed interface TillEvent {
    @EventType(value = "till.opened", aliases = {"TillOpened", "Opened"})
    record Opened(@Stream StreamId till) implements TillEvent {}

    record Counted(@Stream StreamId till, long cents) implements TillEvent {}
  }

  /**
   * What one handler saw.
   *
   * @param handler which handler ran
   * @param event the decoded event
   * @param stream the envelope's stream, or null when the handler takes no envelope
   * @param version the envelope's version, or 0
   * @param position the envelope's position, or null
   */
  public record Seen(String handler, Object event, StreamId stream, long version, Position position) {}

  /** Balances per account, and a log of every handler call. */
  @Projection(name = "bank-ledger")
  public static final class Ledger {
    final List<Seen> seen = new ArrayList<>();
    final Map<StreamId, Long> balances = new LinkedHashMap<>();

    void on(BankEvent.AccountOpened event) {
      balances.put(event.account(), 0L);
      seen.add(new Seen("opened", event, null, 0, null));
    }

    void on(BankEvent.MoneyDeposited event, EventEnvelope envelope) {
      balances.merge(event.account(), event.amountCents(), Long::sum);
      seen.add(new Seen("deposited", event, envelope.streamId(), envelope.version(), envelope.position()));
    }

    /** The catch-all: here, withdrawals. */
    void on(BankEvent event, EventEnvelope envelope) {
      if (event instanceof BankEvent.MoneyWithdrawn w) {
        balances.merge(w.account(), -w.amountCents(), Long::sum);
      }
      seen.add(new Seen("other", event, envelope.streamId(), envelope.version(), envelope.position()));
    }
  }

  /** Bank and till events in one projection; handlers may throw checked exceptions. */
  @Projection(name = "bank-and-tills")
  public static final class BankAndTills {
    final List<Seen> seen = new ArrayList<>();

    void on(BankEvent event) {
      seen.add(new Seen("bank", event, null, 0, null));
    }

    void on(TillEvent.Opened event, EventEnvelope envelope) throws IOException {
      seen.add(new Seen("till-opened", event, envelope.streamId(), envelope.version(), envelope.position()));
    }

    void on(TillEvent.Counted event) throws IOException {
      if (event.cents() < 0) {
        throw new IOException("negative count at " + event.till());
      }
      seen.add(new Seen("till-counted", event, null, 0, null));
    }
  }
}

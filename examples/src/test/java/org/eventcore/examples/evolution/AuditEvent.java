package org.eventcore.examples.evolution;

import org.eventcore.annotations.Events;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/** A family embedding {@link AccountEvent}s: embedded rows of a former version are converted too. */
@Events
public sealed interface AuditEvent {

  /** An account event, copied into the audit stream. */
  record Recorded(@Stream StreamId audit, AccountEvent event) implements AuditEvent {}
}

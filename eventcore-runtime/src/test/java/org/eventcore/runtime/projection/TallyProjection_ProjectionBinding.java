package org.eventcore.runtime.projection;

import java.util.List;
import org.eventcore.runtime.StoredEvent;

/** Hand-written stand-in for a generated binding: dispatches Tick and Tock, ignores other types. */
public final class TallyProjection_ProjectionBinding implements ProjectionBinding<TallyProjection> {
  @Override
  public Class<TallyProjection> projectionType() {
    return TallyProjection.class;
  }

  @Override
  public String name() {
    return "tally";
  }

  @Override
  public List<String> eventTypes() {
    return List.of("Tick", "Tock");
  }

  @Override
  public void dispatch(TallyProjection projection, StoredEvent stored, EventEnvelope envelope) {
    if (eventTypes().contains(stored.eventType())) {
      projection.on(stored);
    }
  }
}

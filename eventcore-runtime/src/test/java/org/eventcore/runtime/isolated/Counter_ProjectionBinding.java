package org.eventcore.runtime.isolated;

import java.util.List;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.projection.EventEnvelope;
import org.eventcore.runtime.projection.ProjectionBinding;

/** Hand-written stand-in for a generated projection binding. */
public final class Counter_ProjectionBinding implements ProjectionBinding<Counter> {
  @Override
  public Class<Counter> projectionType() {
    return Counter.class;
  }

  @Override
  public String name() {
    return "counter";
  }

  @Override
  public List<String> eventTypes() {
    return List.of("Counted");
  }

  @Override
  public void dispatch(Counter projection, StoredEvent stored, EventEnvelope envelope) {
    projection.seen.incrementAndGet();
  }
}

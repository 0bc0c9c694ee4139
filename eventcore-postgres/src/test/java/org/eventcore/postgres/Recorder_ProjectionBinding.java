package org.eventcore.postgres;

import java.util.List;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.projection.EventEnvelope;
import org.eventcore.runtime.projection.ProjectionBinding;

/** What the processor would generate for {@link Recorder}: every "Counted" event goes to its handler. */
public final class Recorder_ProjectionBinding implements ProjectionBinding<Recorder> {
  @Override
  public Class<Recorder> projectionType() {
    return Recorder.class;
  }

  @Override
  public String name() {
    return "pg-recorder";
  }

  @Override
  public List<String> eventTypes() {
    return List.of("Counted");
  }

  @Override
  public void dispatch(Recorder projection, StoredEvent stored, EventEnvelope envelope) throws Exception {
    if (stored.eventType().equals("Counted")) {
      projection.on(envelope);
    }
  }
}

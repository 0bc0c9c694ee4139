package org.eventcore.examples.evolution;

import java.util.List;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.EventStore;
import org.eventcore.runtime.store.NewEvent;

/** Old rows appended to the in-memory store as raw {@link NewEvent}s. */
class InMemoryEvolutionTest extends EvolutionContract {
  @Override
  EventStore newStore() {
    return new InMemoryEventStore();
  }

  @Override
  void insertOld(EventStore store, StreamId stream, long version, String type, String json) {
    store.append(AppendRequest.single(stream, version - 1,
        List.of(new NewEvent(UuidV7.next(), stream, type, json, EventMetadata.EMPTY))));
  }
}

package org.eventcore.runtime.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.eventcore.runtime.StoredEvent;

/**
 * A lazily fetched sequence of stored events. Close it (try-with-resources) to release the database resources
 * it holds; iterating to the end does not close it.
 */
public interface EventStream extends Iterator<StoredEvent>, AutoCloseable {
  @Override
  void close();

  /** Reads the rest into a list: convenient for tests and small streams. */
  default List<StoredEvent> toList() {
    List<StoredEvent> all = new ArrayList<>();
    while (hasNext()) {
      all.add(next());
    }
    return all;
  }

  /** A stream over events already in memory. */
  static EventStream of(List<StoredEvent> events) {
    Iterator<StoredEvent> it = events.iterator();
    return new EventStream() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public StoredEvent next() {
        return it.next();
      }

      @Override
      public void close() {}
    };
  }
}

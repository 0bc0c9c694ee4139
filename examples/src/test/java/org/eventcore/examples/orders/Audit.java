package org.eventcore.examples.orders;

import java.util.List;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/** Reads a variable set of streams and writes nothing: a collection stream component. */
@Command
record Audit(@Stream List<StreamId> streams) {
  Long apply(Long count, ShopEvent e) {
    return count + 1;
  }

  Long initialState() {
    return 0L;
  }

  List<ShopEvent> handle(Long count) {
    return List.of();
  }
}

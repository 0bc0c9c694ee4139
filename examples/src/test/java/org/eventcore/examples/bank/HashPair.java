package org.eventcore.examples.bank;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/** Reads two accounts into a {@link PairHash} and records the state its handle sees under its tag. */
@Command
public record HashPair(@Stream StreamId first, @Stream StreamId second, String tag) {
  static final Map<String, PairHash> SEEN = new ConcurrentHashMap<>();

  List<BankEvent> handle(PairHash state) {
    SEEN.put(tag, state);
    return List.of();
  }
}

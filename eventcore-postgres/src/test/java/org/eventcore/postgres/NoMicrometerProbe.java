package org.eventcore.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.Position;
import org.eventcore.runtime.StoredEvent;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.projection.EventFilter;
import org.eventcore.runtime.projection.Leadership;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.EventStream;
import org.eventcore.runtime.store.NewEvent;

/**
 * What a user without Micrometer does with the store, run by {@link PostgresWithoutMicrometerTest} in a class
 * loader that has no Micrometer: every public operation once. Names no Micrometer type and no test helper that
 * does.
 */
public final class NoMicrometerProbe {
  private NoMicrometerProbe() {}

  /** Runs every operation; returns what each saw, one line per operation. */
  public static List<String> run(String url, String user, String password, String schema) throws Exception {
    List<String> seen = new ArrayList<>();
    PostgresConfig config = PostgresConfig.builder().url(url).user(user).password(password).schema(schema).build();
    seen.add("config " + config.toString().contains("meterRegistry=none") + " "
        + (config.equals(config.toBuilder().build()) && config.hashCode() == config.toBuilder().build().hashCode()));
    try (PostgresEventStore store = new PostgresEventStore(config)) {
      store.initialize();
      StreamId s = StreamId.of("no-micrometer");
      AutoCloseable listening = store.onAppend(() -> { });
      NewEvent e = new NewEvent(UuidV7.next(), s, "Probed", "{\"n\":1}", EventMetadata.EMPTY);
      seen.add("append " + store.append(new AppendRequest(Map.of(s, 0L), List.of(e))).streamVersions());
      listening.close();
      List<Long> versions = new ArrayList<>();
      seen.add("readStreams " + store.readStreams(List.of(s), ev -> versions.add(ev.version())) + " " + versions);
      try (EventStream stream = store.readStream(s, 0)) {
        seen.add("readStream " + stream.toList().size());
      }
      List<StoredEvent> all = store.readAll(Position.START, EventFilter.all(), 10);
      seen.add("readAll " + all.size());
      seen.add("horizon pending " + store.horizon().pendingEvents());
      Optional<Leadership> lead = store.tryLead("probe");
      seen.add("tryLead " + lead.isPresent());
      if (lead.isPresent()) {
        try (Leadership l = lead.get()) {
          l.saveCheckpoint(all.get(0).position());
        }
      }
      seen.add("checkpoint " + store.checkpoint("probe").isPresent());
    }
    return seen;
  }
}

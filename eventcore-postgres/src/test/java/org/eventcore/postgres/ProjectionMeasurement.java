package org.eventcore.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eventcore.postgres.PostgresEventStore;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.projection.ProjectionOptions;
import org.eventcore.runtime.projection.ProjectionRunner;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.NewEvent;

/**
 * Run by hand, not a test (speed is never asserted): catch-up speed of {@code ProjectionRunner.runOnce} over
 * 100,000 events, and the live delay from an append's commit (its acknowledgement to the writer) to the handler
 * call of a continuous runner, on the writing store (woken directly) and on another store of the schema (woken
 * by the writer's coalesced NOTIFY after commit). Prints the conditions. Run with
 * {@code mvn -o -q test-compile -pl eventcore-testing -am} then
 * {@code java -cp <test classpath> org.eventcore.postgres.ProjectionMeasurement [events] [liveAppends]}.
 */
public final class ProjectionMeasurement {
  private ProjectionMeasurement() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int live = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    try (Connection c = PostgresTestDatabase.connect(); var st = c.createStatement()) {
      for (String setting : List.of("server_version", "fsync", "synchronous_commit", "shared_buffers")) {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
          rs.next();
          System.out.printf("%s = %s%n", setting, rs.getString(1));
        }
      }
    }
    System.out.printf("server: %s; client cores: %d; JDK %s%n", PostgresTestDatabase.description(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

    try (PostgresEventStore store = PgTestSupport.newStore("measure_catchup")) {
      StreamId s = StreamId.of("catchup-" + UUID.randomUUID());
      long fillStarted = System.nanoTime();
      for (int a = 0; a < events / 100; a++) {
        List<NewEvent> batch = new ArrayList<>(100);
        for (int i = 0; i < 100; i++) {
          batch.add(PgTestSupport.event(s, "Counted", "{\"n\":" + (a * 100 + i) + ",\"note\":\"catch-up\"}"));
        }
        store.append(AppendRequest.single(s, a * 100L, batch));
      }
      System.out.printf("filled %,d events in %.1f s (appends of 100 events, one thread)%n", events,
          (System.nanoTime() - fillStarted) / 1e9);
      for (int batchSize : new int[] {500, 2000, 500}) {
        Recorder recorder = new Recorder();
        long started = System.nanoTime();
        ProjectionRunner.CatchUp done = new ProjectionRunner<>(store, recorder,
            ProjectionOptions.defaults().withBatchSize(batchSize)).runOnce();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("catch-up, batch %d: %,d events in %.2f s = %,.0f events/s%n", batchSize, done.events(),
            seconds, done.events() / seconds);
        PgTestSupport.execute("DELETE FROM \"" + store.toString().replaceAll(".*schema=([^,]+),.*", "$1")
            + "\".projection_checkpoints");
      }
    }

    try (PostgresEventStore store = PgTestSupport.newStore("measure_live")) {
      live(store, store, live, "same store (woken directly by the store)");
    }
    try (PostgresEventStore writer = PgTestSupport.newStore("measure_remote");
        PostgresEventStore reader = new PostgresEventStore(PostgresTestDatabase.newSchema("unused")
            .schema(writer.toString().replaceAll(".*schema=([^,]+),.*", "$1")).build())) {
      live(writer, reader, live, "another store on the schema, as another process (woken by the coalesced NOTIFY)");
    }
  }

  private static void live(PostgresEventStore writer, PostgresEventStore reader, int live, String label)
      throws Exception {
    Recorder recorder = new Recorder();
    Map<UUID, Long> committed = new HashMap<>();
    try (ProjectionRunner<Recorder> runner = new ProjectionRunner<>(reader, recorder,
        ProjectionOptions.defaults()).start()) {
      runner.awaitCaughtUp(Duration.ofSeconds(30));
      for (int i = 0; i < live; i++) {
        StreamId s = StreamId.of("live-" + i);
        NewEvent e = PgTestSupport.event(s, "Counted", "{}");
        writer.append(AppendRequest.single(s, 0, List.of(e)));
        committed.put(e.eventId(), System.nanoTime());
        Thread.sleep(5);
      }
      runner.awaitCaughtUp(Duration.ofSeconds(60));
    }
    long[] micros = committed.entrySet().stream()
        .mapToLong(en -> (recorder.handledNanos.get(en.getKey()) - en.getValue()) / 1000).sorted().toArray();
    System.out.printf("live delay, %s, over %,d single-event appends, one every ~5 ms (commit acknowledged ->"
        + " handler called; negative: the handler ran before the writer saw its acknowledgement): median %.2f ms,"
        + " p99 %.2f ms, max %.2f ms; %d handled%n", label, micros.length, micros[micros.length / 2] / 1000.0,
        micros[(int) (micros.length * 0.99)] / 1000.0, micros[micros.length - 1] / 1000.0, recorder.seen.size());
    System.out.println("lowest five (ms): " + Arrays.toString(Arrays.stream(micros).limit(5)
        .mapToDouble(m -> m / 1000.0).toArray()));
  }
}

package org.eventcore.runtime.isolated;

import java.time.Duration;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ExecutionResult;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.projection.ProjectionOptions;
import org.eventcore.runtime.projection.ProjectionRunner;

/**
 * The quick start without Micrometer: commands through a {@link CommandExecutor} (builder and constructor), a
 * projection caught up once and followed live, on an {@link InMemoryEventStore}. {@code MicrometerOptionalTest}
 * runs it in a class loader that cannot see io.micrometer.
 */
public final class WithoutMicrometer {
  private WithoutMicrometer() {}

  /** Runs the scenario and describes what happened. */
  public static String run() throws InterruptedException {
    InMemoryEventStore store = new InMemoryEventStore();
    StreamId stream = StreamId.of("counter-1");
    new CommandExecutor(store).execute(new Count(stream));
    CommandExecutor executor = CommandExecutor.builder(store).build();
    executor.execute(new Count(stream));
    ExecutionResult third = executor.execute(new Count(stream));

    ProjectionOptions options = ProjectionOptions.defaults().withPollInterval(Duration.ofMillis(20));
    Counter once = new Counter();
    long caughtUp = new ProjectionRunner<>(store, once, options).runOnce().events();

    Counter live = new Counter();
    String state;
    try (ProjectionRunner<Counter> runner = new ProjectionRunner<>(store, live, options).start()) {
      boolean first = runner.awaitCaughtUp(Duration.ofSeconds(20));
      executor.execute(new Count(stream));
      boolean second = runner.awaitCaughtUp(Duration.ofSeconds(20));
      state = first + "/" + second;
    }
    return "attempts=" + third.attempts() + " versions=" + third.streamVersions() + " once=" + caughtUp
        + " live=" + live.seen.get() + " (resumed from the checkpoint)" + " caughtUp=" + state + " options=" + options.toString().contains("none");
  }
}

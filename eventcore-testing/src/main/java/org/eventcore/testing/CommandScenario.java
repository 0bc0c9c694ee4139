package org.eventcore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eventcore.runtime.CommandRejectedException;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.command.ExecutionResult;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.NewEvent;

/**
 * Given/when/then for commands, on a fresh {@link InMemoryEventStore} and the real generated code:
 *
 * <pre>{@code
 * CommandScenario.of(BankEvent.class)
 *     .given(new AccountOpened(acc, "Ann", t), new MoneyDeposited(acc, 100, Optional.empty()))
 *     .when(new Withdraw(acc, 150))
 *     .thenRejected("insufficient funds");
 * }</pre>
 *
 * <p>{@code given} events go through the family's generated codec into their own streams, exactly as the command
 * would have written them, so a scenario exercises serialization too.
 *
 * @param <E> the event family
 */
public final class CommandScenario<E> {
  private final EventCodec<E> codec;
  private final InMemoryEventStore store = new InMemoryEventStore();
  private final CommandExecutor executor = new CommandExecutor(store);

  private CommandScenario(Class<E> family) {
    this.codec = EventCodecs.of(family);
  }

  /** A scenario for commands of the given event family. */
  public static <E> CommandScenario<E> of(Class<E> family) {
    return new CommandScenario<>(family);
  }

  /** Stores these events first, each in its own stream, in order. */
  @SafeVarargs
  public final CommandScenario<E> given(E... history) {
    Map<StreamId, List<NewEvent>> byStream = new LinkedHashMap<>();
    for (E e : history) {
      byStream.computeIfAbsent(codec.streamId(e), k -> new ArrayList<>())
          .add(new NewEvent(UuidV7.next(), codec.streamId(e), codec.typeName(e), codec.encode(e),
              EventMetadata.EMPTY));
    }
    byStream.forEach((stream, events) -> {
      long version = store.readStreams(List.of(stream), x -> {}).get(stream);
      store.append(AppendRequest.single(stream, version, events));
    });
    return this;
  }

  /** Executes the command. */
  public Outcome<E> when(Object command) {
    try {
      return new Outcome<>(codec, executor.execute(command), null, store);
    } catch (RuntimeException e) {
      return new Outcome<>(codec, null, e, store);
    }
  }

  /** What a command did; assertions fail with a description of what happened instead. */
  public static final class Outcome<E> {
    private final EventCodec<E> codec;
    private final ExecutionResult result;
    private final RuntimeException failure;
    private final InMemoryEventStore store;

    private Outcome(EventCodec<E> codec, ExecutionResult result, RuntimeException failure, InMemoryEventStore store) {
      this.codec = codec;
      this.result = result;
      this.failure = failure;
      this.store = store;
    }

    /** Asserts the command succeeded and wrote exactly these events, in order. */
    @SafeVarargs
    public final Outcome<E> thenEvents(E... expected) {
      List<E> wanted = new ArrayList<>(expected.length);
      for (E e : expected) {
        wanted.add(e);
      }
      assertThat(events()).as("events written").containsExactlyElementsOf(wanted);
      return this;
    }

    /** Asserts the command succeeded and hands its events to {@code check}. */
    public Outcome<E> thenEventsSatisfy(Consumer<List<E>> check) {
      check.accept(events());
      return this;
    }

    /** Asserts the command succeeded without writing anything. */
    public Outcome<E> thenNoEvents() {
      assertThat(events()).as("events written").isEmpty();
      return this;
    }

    /** Asserts a business rule rejected the command with a message containing {@code messagePart}. */
    public Outcome<E> thenRejected(String messagePart) {
      if (failure == null) {
        fail("expected the command to be rejected with '%s', but it wrote %s", messagePart, result.events());
      }
      assertThat(failure).isInstanceOf(CommandRejectedException.class).hasMessageContaining(messagePart);
      return this;
    }

    /** Asserts the command failed with an exception of this type. */
    public Outcome<E> thenFails(Class<? extends Throwable> type) {
      if (failure == null) {
        fail("expected %s, but the command wrote %s", type.getSimpleName(), result.events());
      }
      assertThat(failure).isInstanceOf(type);
      return this;
    }

    /** The events written; fails the test when the command failed. */
    public List<E> events() {
      if (failure != null) {
        throw new AssertionError("expected the command to succeed, but it failed: " + failure, failure);
      }
      return result.events(codec.family());
    }

    /** The execution result; fails the test when the command failed. */
    public ExecutionResult result() {
      events();
      return result;
    }

    /** The scenario's store, to inspect what was stored. */
    public InMemoryEventStore store() {
      return store;
    }
  }
}

package org.eventcore.examples.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.Events;
import org.eventcore.annotations.Stream;
import org.eventcore.runtime.StreamId;

/** Fixture commands for the binding tests: state-side, command-side and catch-all apply methods. */
public final class Carts {
  private Carts() {}

  /** The family the commands emit. */
  @Events
  public sealed interface CartEvent {
    record Added(@Stream StreamId cart, String sku) implements CartEvent {}

    sealed interface Closing extends CartEvent {}

    record CheckedOut(@Stream StreamId cart) implements Closing {}

    record Abandoned(@Stream StreamId cart) implements Closing {}

    record Noted(@Stream StreamId cart, String text) implements CartEvent {}
  }

  /** A log of which apply method saw which event. */
  public record Log(List<String> seen) {
    public Log() {
      this(List.of());
    }

    Log with(String entry) {
      List<String> next = new ArrayList<>(seen);
      next.add(entry);
      return new Log(List.copyOf(next));
    }

    Log apply(CartEvent.Added e) {
      return with("state:Added:" + e.sku());
    }

    Log apply(CartEvent.Closing e) {
      return with("state:Closing:" + e.getClass().getSimpleName());
    }
  }

  /** Reads a cart, its suppliers and extra streams; Noted falls to the command-side catch-all. */
  @Command
  public record Touch(@Stream StreamId cart, @Stream List<StreamId> suppliers, @Stream Set<StreamId> extra) {
    List<CartEvent.Noted> handle(Log state) {
      return List.of(new CartEvent.Noted(cart, "seen " + state.seen().size()));
    }

    Log apply(Log state, CartEvent event) {
      return state.with("command:catchAll:" + event.getClass().getSimpleName());
    }

    Set<StreamId> discoverStreams(Log state) {
      return Set.of();
    }
  }

  /** Only command-side apply methods, initial state from the command. */
  @Command
  public record Count(@Stream StreamId cart) {
    Integer initialState() {
      return 0;
    }

    Integer apply(Integer state, CartEvent.Added event) {
      return state + 1;
    }

    Integer apply(Integer state, CartEvent.Closing event) {
      return state + 100;
    }

    Integer apply(Integer state, CartEvent.Noted event) {
      return state;
    }

    List<CartEvent> handle(Integer state) {
      return List.of();
    }
  }

  /** Its handle throws a checked exception without declaring it, as Lombok's @SneakyThrows or Kotlin code do. */
  @Command
  public record Sneaky(@Stream StreamId cart) {
    List<CartEvent> handle(Log state) {
      return Carts.<RuntimeException>sneakyThrow(new java.io.IOException("disk on fire"));
    }

    Log apply(Log state, CartEvent event) {
      return state;
    }
  }

  @SuppressWarnings("unchecked")
  static <T extends Throwable> List<CartEvent> sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }
}

package org.eventcore.examples.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eventcore.examples.codec.Carts.CartEvent;
import org.eventcore.examples.codec.Carts.Count;
import org.eventcore.examples.codec.Carts.Log;
import org.eventcore.examples.codec.Carts.Touch;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandBinding;
import org.eventcore.runtime.command.CommandBindings;
import org.junit.jupiter.api.Test;

/** Behaviour of generated command bindings. */
class GeneratedBindingTest {
  private static final StreamId A = StreamId.of("a");
  private static final StreamId B = StreamId.of("b");
  private static final StreamId C = StreamId.of("c");

  @SuppressWarnings("unchecked")
  private static final CommandBinding<Touch, Log, CartEvent> TOUCH =
      (CommandBinding<Touch, Log, CartEvent>) CommandBindings.of(Touch.class);

  @Test
  void streamsFollowDeclarationOrderWithDuplicatesRemoved() {
    Touch touch = new Touch(B, List.of(A, B, C, A), new LinkedHashSet<>(List.of(C, StreamId.of("d"))));
    assertThat(TOUCH.streams(touch)).containsExactly(B, A, C, StreamId.of("d"));
    assertThat(TOUCH.commandType()).isEqualTo(Touch.class);
    assertThat(TOUCH.codec()).isSameAs(Carts_CartEvent_EventCodec.INSTANCE);
  }

  @Test
  void nullStreamComponentOrElementIsInvalidInput() {
    assertThatThrownBy(() -> TOUCH.streams(new Touch(null, List.of(), Set.of())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("@Stream component 'cart'");
    assertThatThrownBy(() -> TOUCH.streams(new Touch(A, null, Set.of())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'suppliers'");
    assertThatThrownBy(() -> TOUCH.streams(new Touch(A, Arrays.asList(B, null), Set.of())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'suppliers'")
        .hasMessageContaining("holds a null stream id");
  }

  @Test
  void applyDispatchesToTheMostSpecificHandler() {
    Touch touch = new Touch(A, List.of(), Set.of());
    Log state = TOUCH.initialState(touch);
    assertThat(state).isEqualTo(new Log());
    for (CartEvent e : List.of(new CartEvent.Added(A, "sku-1"), new CartEvent.CheckedOut(A),
        new CartEvent.Abandoned(A), new CartEvent.Noted(A, "hi"))) {
      state = TOUCH.apply(touch, state, e);
    }
    assertThat(state.seen()).containsExactly("state:Added:sku-1", "state:Closing:CheckedOut",
        "state:Closing:Abandoned", "command:catchAll:Noted");
    List<? extends CartEvent> decided = TOUCH.handle(touch, state);
    assertThat(List.<CartEvent>copyOf(decided)).containsExactly(new CartEvent.Noted(A, "seen 4"));
    assertThat(TOUCH.discoverStreams(touch, state)).isEmpty();
  }

  @Test
  void commandSideApplyAndInitialStateFromTheCommand() {
    @SuppressWarnings("unchecked")
    CommandBinding<Count, Integer, CartEvent> count =
        (CommandBinding<Count, Integer, CartEvent>) CommandBindings.of(Count.class);
    Count command = new Count(A);
    Integer state = count.initialState(command);
    state = count.apply(command, state, new CartEvent.Added(A, "x"));
    state = count.apply(command, state, new CartEvent.Abandoned(A));
    assertThat(state).isEqualTo(101);
    assertThat(count.streams(command)).containsExactly(A);
  }
}

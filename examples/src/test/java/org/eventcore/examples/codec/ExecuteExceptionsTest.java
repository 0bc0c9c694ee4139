package org.eventcore.examples.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.eventcore.runtime.CommandRejectedException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.command.CommandExecutor;
import org.eventcore.runtime.memory.InMemoryEventStore;
import org.junit.jupiter.api.Test;

/** Only EventCoreException subtypes (and the unchecked exceptions of the user's own code) escape execute. */
class ExecuteExceptionsTest {

  @Test
  void checkedExceptionFromHandleIsACommandRejectedExceptionNotAFailsafeException() {
    InMemoryEventStore store = new InMemoryEventStore();
    CommandExecutor executor = new CommandExecutor(store);
    StreamId cart = StreamId.of("cart-sneaky");
    assertThatThrownBy(() -> executor.execute(new Carts.Sneaky(cart)))
        .isExactlyInstanceOf(CommandRejectedException.class)
        .hasCauseInstanceOf(IOException.class)
        .hasMessageContaining("command Sneaky failed in its handle or apply method with java.io.IOException")
        .hasMessageNotContaining("disk on fire");
    try (var events = store.readStream(cart)) {
      assertThat(events.toList()).isEmpty();
    }
  }
}

package org.eventcore.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eventcore.runtime.store.AppendRequest;
import org.eventcore.runtime.store.NewEvent;
import org.junit.jupiter.api.Test;

class AppendRequestTest {
  private final StreamId a = StreamId.of("a");
  private final StreamId b = StreamId.of("b");

  private NewEvent event(StreamId s) {
    return new NewEvent(UuidV7.next(), s, "E", "{}", EventMetadata.EMPTY);
  }

  @Test
  void rejectsAnEventForAStreamWithoutExpectedVersion() {
    NewEvent e = event(b);
    assertThatThrownBy(() -> AppendRequest.single(a, 0, List.of(e)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("targets stream 'b', which has no expected version");
  }

  @Test
  void rejectsNegativeExpectedVersionNamingTheStream() {
    assertThatThrownBy(() -> AppendRequest.single(a, -1, List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("expected version of stream 'a' must be >= 0, got -1");
  }

  @Test
  void rejectsNoStreamAtAll() {
    assertThatThrownBy(() -> new AppendRequest(Map.of(), List.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one stream");
  }

  @Test
  void rejectsTheSameEventIdTwice() {
    NewEvent e = event(a);
    assertThatThrownBy(() -> AppendRequest.single(a, 0, List.of(e, e)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("appears twice");
  }

  @Test
  void rejectsNullVersion() {
    Map<StreamId, Long> versions = new HashMap<>();
    versions.put(a, null);
    assertThatThrownBy(() -> new AppendRequest(versions, List.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be >= 0, got null");
  }

  @Test
  void copiesItsInputs() {
    Map<StreamId, Long> versions = new HashMap<>(Map.of(a, 0L));
    AppendRequest r = new AppendRequest(versions, List.of(event(a)));
    versions.put(b, 1L);
    assertThat(r.expectedVersions()).containsOnlyKeys(a);
  }

  @Test
  void newEventValidatesItsFields() {
    assertThatThrownBy(() -> new NewEvent(UuidV7.next(), a, " ", "{}", null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("event type");
    assertThatThrownBy(() -> new NewEvent(UuidV7.next(), a, "E", "", null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("payload");
    assertThat(new NewEvent(UuidV7.next(), a, "E", "{}", null).metadata()).isEqualTo(EventMetadata.EMPTY);
  }
}

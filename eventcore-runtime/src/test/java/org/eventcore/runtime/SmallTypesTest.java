package org.eventcore.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eventcore.runtime.command.ConflictRetryPolicy;
import org.eventcore.runtime.store.VersionConflict;
import org.junit.jupiter.api.Test;

class SmallTypesTest {

  @Test
  void uuidV7IsVersion7AndStrictlyIncreasingEvenWithinOneMillisecond() {
    UUID previous = UuidV7.next();
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      UUID next = UuidV7.next();
      assertThat(next.version()).isEqualTo(7);
      assertThat(next.variant()).isEqualTo(2);
      assertThat(Long.compareUnsigned(next.getMostSignificantBits(), previous.getMostSignificantBits()))
          .isPositive();
      assertThat(seen.add(next)).isTrue();
      previous = next;
    }
  }

  @Test
  void uuidV7CarriesTheCurrentTime() {
    long before = System.currentTimeMillis();
    UUID id = UuidV7.next();
    long millis = id.getMostSignificantBits() >>> 16;
    assertThat(millis).isBetween(before, System.currentTimeMillis() + 1000);
  }

  @Test
  void metadataRejectsBlankKeysAndNullValues() {
    assertThatThrownBy(() -> EventMetadata.builder().put("", "x").build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("non-empty");
    assertThatThrownBy(() -> EventMetadata.builder().put("k", null).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("key 'k'");
    EventMetadata md = EventMetadata.builder().put("b", "2").put("a", "1").build();
    assertThat(md.custom()).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
    assertThat(md.toBuilder().put("c", "3").build().custom()).hasSize(3);
  }

  @Test
  void positionsOrderByTransactionThenSequence() {
    assertThat(new Position(1, 9)).isLessThan(new Position(2, 1));
    assertThat(new Position(2, 1)).isLessThan(new Position(2, 2));
    assertThat(new Position(2, 2).isAfter(Position.START)).isTrue();
    assertThatThrownBy(() -> new Position(-1, 0)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void retryPolicyValidatesEverySetting() {
    ConflictRetryPolicy d = ConflictRetryPolicy.defaults();
    assertThat(d.maxAttempts()).isEqualTo(6);
    assertThat(d.initialDelay()).isEqualTo(Duration.ofMillis(5));
    assertThat(d.maxDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(d.jitter()).isEqualTo(0.25);
    assertThatThrownBy(() -> d.withMaxAttempts(0)).hasMessage("retry maxAttempts must be >= 1, got 0");
    assertThatThrownBy(() -> d.withJitter(1.0)).hasMessage("retry jitter must be in [0, 1), got 1.0");
    assertThatThrownBy(() -> d.withBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("initialDelay must be > 0");
    assertThatThrownBy(() -> d.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("maxDelay must be >= initialDelay");
    assertThat(ConflictRetryPolicy.noRetry().maxAttempts()).isEqualTo(1);
  }

  @Test
  void conflictMessagesNameEveryStream() {
    VersionConflictException e = new VersionConflictException(List.of(
        new VersionConflict(StreamId.of("a"), 1, 2), new VersionConflict(StreamId.of("b"), 0, 5)));
    assertThat(e).hasMessage("version conflict: stream 'a' expected version 1, actual 2;"
        + " stream 'b' expected version 0, actual 5");
    ConcurrencyConflictException gaveUp = new ConcurrencyConflictException("Transfer", 6, e);
    assertThat(gaveUp.getMessage()).startsWith("command Transfer gave up after 6 attempts on concurrency conflicts");
    assertThat(gaveUp.lastConflict()).isSameAs(e);
  }

  @Test
  void serializationErrorsNameTypePathAndLocation() {
    SerializationException e = new SerializationException("MoneyDeposited", "$.amount", "expected a number", null);
    assertThat(e).hasMessage("cannot (de)serialize event MoneyDeposited ($.amount): expected a number");
    SerializationException located = e.at(StreamId.of("acc-1"), 7);
    assertThat(located).hasMessage(
        "cannot (de)serialize event MoneyDeposited at stream 'acc-1' version 7 ($.amount): expected a number");
    assertThat(located.streamId()).isEqualTo(StreamId.of("acc-1"));
    assertThat(located.version()).isEqualTo(7);
  }

  @Test
  void storeErrorsNameTheOperation() {
    StoreException e = new StoreException(StoreOperation.APPEND, "connection refused");
    assertThat(e).hasMessage("append failed: connection refused");
    assertThat(e.operation()).isEqualTo(StoreOperation.APPEND);
  }
}

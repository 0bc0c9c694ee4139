package org.eventcore.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamIdTest {

  @Test
  void trimsSurroundingWhitespace() {
    assertThat(StreamId.of("  account-1 \t").value()).isEqualTo("account-1");
    assertThat(StreamId.of(" a ")).isEqualTo(StreamId.of("a"));
  }

  @Test
  void acceptsExactly255CodePointsIncludingSupplementaryCharacters() {
    String rockets = "🚀".repeat(255);
    assertThat(StreamId.of(rockets).value()).isEqualTo(rockets);
    assertThat(StreamId.of("x".repeat(255)).value()).hasSize(255);
  }

  @Test
  void rejectsEmptyOrBlankNamingTheRule() {
    assertThatThrownBy(() -> StreamId.of("   "))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("stream id must be 1..255 characters after trimming, got 0");
    assertThatThrownBy(() -> StreamId.of(null))
        .isInstanceOf(InvalidInputException.class).hasMessage("stream id must not be null");
  }

  @Test
  void rejectsTooLongNamingLengthAndValue() {
    assertThatThrownBy(() -> StreamId.of("y".repeat(300)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("stream id must be 1..255 characters after trimming, got 300 in 'yyyy");
  }

  @Test
  void rejectsControlCharactersNamingCodeAndIndex() {
    assertThatThrownBy(() -> StreamId.of("a\u0000b"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("stream id must not contain control characters, got U+0000 at index 1 in 'a?b'");
    assertThatThrownBy(() -> StreamId.of("line\nbreak")).hasMessageContaining("U+000A at index 4");
  }

  @Test
  void rejectsUnpairedSurrogates() {
    assertThatThrownBy(() -> StreamId.of("a\uD83D"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unpaired surrogate at index 1");
    assertThatThrownBy(() -> StreamId.of("\uDE80x")).hasMessageContaining("unpaired surrogate at index 0");
  }

  @Test
  void keepsQuotesSemicolonsAndWildcardsVerbatim() {
    String nasty = "o'brien\"; DROP TABLE events; -- 100%_*?[x]";
    assertThat(StreamId.of(nasty).value()).isEqualTo(nasty);
  }

  @Test
  void categoryFactoryJoinsWithDash() {
    assertThat(StreamId.of("account", 42).value()).isEqualTo("account-42");
  }

  @Test
  void ordersByValue() {
    assertThat(StreamId.of("a")).isLessThan(StreamId.of("b"));
  }
}

package org.eventcore.examples.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.UuidV7;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.eventcore.runtime.internal.JsonLimits;
import org.eventcore.runtime.store.NewEvent;
import org.junit.jupiter.api.Test;

/**
 * Every value written can be read back identically: the encoder rejects what PostgreSQL would corrupt or refuse
 * and what the decoder could not read again, naming the type and the field, never quoting the value.
 */
class ValueLimitsTest {
  private static final EventCodec<Sink> CODEC = EventCodecs.of(Sink.class);
  private static final StreamId S = StreamId.of("limits-1");

  private static Sink.Scalars withString(String str) {
    return new Sink.Scalars(S, true, 1, 2, (short) 3, (byte) 4, 5, 6, 'c', null, null, null, null, null, null,
        null, null, str, null, null, UUID.randomUUID(), Sink.Color.RED);
  }

  private static Sink.Scalars withNumbers(BigDecimal dec, BigInteger big) {
    return new Sink.Scalars(S, true, 1, 2, (short) 3, (byte) 4, 5, 6, 'c', null, null, null, null, null, null,
        null, null, "ok", dec, big, UUID.randomUUID(), Sink.Color.RED);
  }

  private static Sink roundTrip(Sink event) {
    return CODEC.decode(CODEC.typeName(event), CODEC.encode(event));
  }

  @Test
  void loneSurrogateIsRejectedAtEncodeNamingTypeAndField() {
    assertThatThrownBy(() -> CODEC.encode(withString("x\uD800y")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("event Scalars cannot be stored: its value at $.str is a string must not contain a"
            + " lone surrogate (U+D800 at index 1)")
        .hasMessageNotContaining("x\uD800y");
    assertThatThrownBy(() -> CODEC.encode(withString("\uDC00")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("U+DC00");
    Sink.Placed keyed = new Sink.Placed(S, List.of(), Set.of(), Map.of("k\uD83D", new Sink.Money(BigDecimal.ONE, "EUR")),
        Optional.empty(), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> CODEC.encode(keyed))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("an object key must not contain a lone surrogate");
    // a proper pair (an emoji) is fine
    Sink emoji = withString("ok \uD83D\uDE00");
    assertThat(roundTrip(emoji)).isEqualTo(emoji);
  }

  @Test
  void nulCharacterIsRejectedAtEncodeNamingTypeAndField() {
    assertThatThrownBy(() -> CODEC.encode(withString("before\u0000after")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("event Scalars cannot be stored: its value at $.str is a string must not contain U+0000")
        .hasMessageNotContaining("before");
    Sink.Placed tagged = new Sink.Placed(S, List.of(), new java.util.LinkedHashSet<>(List.of("a", "b\u0000")), Map.of(), Optional.empty(),
        Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> CODEC.encode(tagged))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("its value at $.tags[1]");
    // the text "\u0000" (backslash, u, zeros) is an ordinary string
    assertThat(((Sink.Scalars) roundTrip(withString("\\u0000"))).str()).isEqualTo("\\u0000");
  }

  @Test
  void stringLongerThanTheReadLimitIsRejectedAtEncode() {
    String tooLong = "x".repeat(JsonLimits.MAX_STRING_LENGTH + 1);
    assertThatThrownBy(() -> CODEC.encode(withString(tooLong)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("its value at $.str is a string of 20000001 chars exceeds the limit of 20000000 chars");
    String atLimit = "y".repeat(JsonLimits.MAX_STRING_LENGTH);
    assertThat(((Sink.Scalars) roundTrip(withString(atLimit))).str()).hasSize(JsonLimits.MAX_STRING_LENGTH);
  }

  @Test
  void numbersThatCouldNotBeReadBackAreRejectedAtEncode() {
    for (BigDecimal bad : List.of(new BigDecimal("1E-5000"), new BigDecimal("1E+5000"),
        new BigDecimal("7".repeat(1500)), new BigDecimal("0." + "3".repeat(999)))) {
      assertThatThrownBy(() -> CODEC.encode(withNumbers(bad, null))).as(bad.precision() + "/" + bad.scale())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("event Scalars cannot be stored: its value at $.dec is a BigDecimal of")
          .hasMessageContaining("exceeds the limit of 1000 characters");
    }
    assertThatThrownBy(() -> CODEC.encode(withNumbers(null, BigInteger.TEN.pow(1000))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("its value at $.big is an integer of 1001 characters exceeds the limit");
    Sink.Placed priced = new Sink.Placed(S, List.of(), Set.of(), Map.of("p", new Sink.Money(new BigDecimal("1E+2000"), "X")),
        Optional.empty(), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> CODEC.encode(priced))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("its value at $.prices.p.amount is");
    // the largest numbers within the limit round trip, also in PostgreSQL's plain notation
    BigDecimal widest = new BigDecimal("-" + "9".repeat(997) + ".5");
    BigDecimal tiny = new BigDecimal("1E-997");
    BigInteger big = BigInteger.TEN.pow(998).negate();
    Sink wide = withNumbers(widest, big);
    assertThat(roundTrip(wide)).isEqualTo(wide);
    assertThat(CODEC.decode("Scalars", CODEC.encode(withNumbers(tiny, null)).replace("1E-997", tiny.toPlainString())))
        .extracting(e -> ((Sink.Scalars) e).dec()).isEqualTo(tiny);
  }

  @Test
  void storeSpiRejectsAPayloadThatIsNotAnObjectOrCannotBeStored() {
    assertThatThrownBy(() -> new NewEvent(UuidV7.next(), S, "T", "[1,2]", EventMetadata.EMPTY))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("(T) must be a JSON object, got text starting with '['");
    assertThatThrownBy(() -> new NewEvent(UuidV7.next(), S, "T", " 42", EventMetadata.EMPTY))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> new NewEvent(UuidV7.next(), S, "T", "{\"text\":\"before\\u0000\"}", EventMetadata.EMPTY))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot be stored: its value at $.text is a string must not contain U+0000")
        .hasMessageNotContaining("before");
    assertThatThrownBy(() -> new NewEvent(UuidV7.next(), S, "T", "{\"t\":\"\\uD800\"}", EventMetadata.EMPTY))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("lone surrogate");
    assertThat(new NewEvent(UuidV7.next(), S, "T", " {\"t\":\"\\uD83D\\uDE00\\\\u0000\"}", EventMetadata.EMPTY)
        .payload()).startsWith(" {");
  }
}

package org.eventcore.benchmarks;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.afterburner.AfterburnerModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eventcore.examples.bank.BankEvent;
import org.eventcore.examples.bank.BankEvent.AccountOpened;
import org.eventcore.examples.bank.BankEvent.MoneyDeposited;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.codec.EventCodecs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The generated codec against Jackson databind (plain, Afterburner, Blackbird) on the bank's events: serialize to
 * a JSON string and deserialize from one, as the store does. Run with {@code -prof gc} for bytes per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

  /** Which serializer. */
  @Param({"generated", "databind", "afterburner", "blackbird"})
  public String codec;

  /** Which event: a small one with Optional and UUID, or one with an Instant and a String. */
  @Param({"MoneyDeposited", "AccountOpened"})
  public String event;

  private Serializer serializer;
  private BankEvent value;
  private String json;

  /** One side of the comparison. */
  interface Serializer {
    String write(BankEvent e) throws Exception;

    BankEvent read(String json) throws Exception;
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    StreamId account = StreamId.of("account-0f3a9c2e-5a61-4b7e-9d1a-2c3b4d5e6f70");
    value = event.equals("MoneyDeposited")
        ? new MoneyDeposited(account, 123_456, Optional.of(UUID.fromString("018f6c3a-7b2d-7c4e-8f90-1a2b3c4d5e6f")))
        : new AccountOpened(account, "Ann Example-Owner", Instant.parse("2026-11-24T10:15:30.123456Z"));
    serializer = switch (codec) {
      case "generated" -> generated(value);
      case "databind" -> databind(new ObjectMapper(), value);
      case "afterburner" -> databind(new ObjectMapper().registerModule(new AfterburnerModule()), value);
      case "blackbird" -> databind(new ObjectMapper().registerModule(new BlackbirdModule()), value);
      default -> throw new IllegalArgumentException("unknown codec " + codec);
    };
    json = serializer.write(value);
    if (!serializer.read(json).equals(value)) {
      throw new IllegalStateException(codec + " does not round-trip " + value + " via " + json);
    }
  }

  private static Serializer generated(BankEvent sample) {
    EventCodec<BankEvent> c = EventCodecs.of(BankEvent.class);
    String type = c.typeName(sample);
    return new Serializer() {
      @Override
      public String write(BankEvent e) {
        return c.encode(e);
      }

      @Override
      public BankEvent read(String text) {
        return c.decode(type, text);
      }
    };
  }

  private static Serializer databind(ObjectMapper mapper, BankEvent sample) {
    // StreamId as a plain string, as the generated codec writes it
    SimpleModule streamIds = new SimpleModule("stream-ids");
    streamIds.addSerializer(StreamId.class, ToStringSerializer.instance);
    streamIds.addDeserializer(StreamId.class, new FromStringDeserializer<StreamId>(StreamId.class) {
      private static final long serialVersionUID = 1L;

      @Override
      protected StreamId _deserialize(String value, DeserializationContext context) {
        return StreamId.of(value);
      }
    });
    mapper.registerModule(new JavaTimeModule()).registerModule(new Jdk8Module()).registerModule(streamIds)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    Class<? extends BankEvent> type = sample.getClass();
    var writer = mapper.writerFor(type);
    var reader = mapper.readerFor(type);
    return new Serializer() {
      @Override
      public String write(BankEvent e) throws Exception {
        return writer.writeValueAsString(e);
      }

      @Override
      public BankEvent read(String text) throws Exception {
        return reader.readValue(text);
      }
    };
  }

  @Benchmark
  public String serialize() throws Exception {
    return serializer.write(value);
  }

  @Benchmark
  public BankEvent deserialize() throws Exception {
    return serializer.read(json);
  }
}

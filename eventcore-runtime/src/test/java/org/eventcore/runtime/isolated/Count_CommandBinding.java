package org.eventcore.runtime.isolated;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.util.List;
import org.eventcore.runtime.StreamId;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.command.CommandBinding;

/** Hand-written stand-in for a generated command binding: the state counts the stream's events. */
public final class Count_CommandBinding implements CommandBinding<Count, Long, Counted> {
  private static final EventCodec<Counted> CODEC = new EventCodec<>() {
    @Override
    public Class<Counted> family() {
      return Counted.class;
    }

    @Override
    public List<String> typeNames() {
      return List.of("Counted");
    }

    @Override
    public String typeName(Counted event) {
      return "Counted";
    }

    @Override
    public StreamId streamId(Counted event) {
      return event.stream();
    }

    @Override
    public void writePayload(Counted event, JsonGenerator generator) {
      throw new UnsupportedOperationException("encode() is overridden");
    }

    @Override
    public Counted readPayload(String typeName, JsonParser parser) {
      throw new UnsupportedOperationException("decode() is overridden");
    }

    @Override
    public String encode(Counted event) {
      return "{}";
    }

    @Override
    public Counted decode(String typeName, String json) {
      return new Counted(StreamId.of("decoded"));
    }
  };

  @Override
  public Class<Count> commandType() {
    return Count.class;
  }

  @Override
  public EventCodec<Counted> codec() {
    return CODEC;
  }

  @Override
  public List<StreamId> streams(Count command) {
    return List.of(command.stream());
  }

  @Override
  public Long initialState(Count command) {
    return 0L;
  }

  @Override
  public Long apply(Count command, Long state, Counted event) {
    return state + 1;
  }

  @Override
  public List<Counted> handle(Count command, Long state) {
    return List.of(new Counted(command.stream()));
  }
}

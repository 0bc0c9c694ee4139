package org.eventcore.processor.util;

import com.palantir.javapoet.ClassName;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eventcore.annotations.Command;
import org.eventcore.annotations.EventType;
import org.eventcore.annotations.EventVersion;
import org.eventcore.annotations.Events;
import org.eventcore.annotations.JsonName;
import org.eventcore.annotations.Projection;
import org.eventcore.annotations.Snapshot;
import org.eventcore.annotations.Stream;

/**
 * The one list of the types the processor reads or refers to by name: the annotations it reads, the
 * eventcore-runtime types that generated code calls (the runtime is not on the processor's class path, so their
 * names are spelled here and nowhere else), and the Jackson and JDK types generated code uses.
 */
public final class RuntimeTypes {
  // annotations the processor reads (qualified names, for mirrors); ANNOTATIONS matches all of them
  public static final String ANNOTATIONS = Events.class.getPackageName() + ".*";
  public static final String EVENTS = Events.class.getCanonicalName();
  public static final String COMMAND = Command.class.getCanonicalName();
  public static final String PROJECTION = Projection.class.getCanonicalName();
  public static final String SNAPSHOT = Snapshot.class.getCanonicalName();
  public static final String STREAM = Stream.class.getCanonicalName();
  public static final String EVENT_TYPE = EventType.class.getCanonicalName();
  public static final String EVENT_VERSION = EventVersion.class.getCanonicalName();
  public static final String JSON_NAME = JsonName.class.getCanonicalName();

  // eventcore-runtime: application API
  private static final String RUNTIME = "org.eventcore.runtime";
  public static final ClassName STREAM_ID = ClassName.get(RUNTIME, "StreamId");
  public static final ClassName STORED_EVENT = ClassName.get(RUNTIME, "StoredEvent");
  public static final ClassName INVALID_INPUT = ClassName.get(RUNTIME, "InvalidInputException");
  public static final ClassName SERIALIZATION_EXCEPTION = ClassName.get(RUNTIME, "SerializationException");

  // eventcore-runtime: the interfaces generated classes implement
  public static final ClassName EVENT_CODEC = ClassName.get(RUNTIME + ".codec", "EventCodec");
  public static final ClassName STATE_CODEC = ClassName.get(RUNTIME + ".codec", "StateCodec");
  public static final ClassName COMMAND_BINDING = ClassName.get(RUNTIME + ".command", "CommandBinding");
  public static final ClassName PROJECTION_BINDING = ClassName.get(RUNTIME + ".projection", "ProjectionBinding");
  public static final ClassName EVENT_ENVELOPE = ClassName.get(RUNTIME + ".projection", "EventEnvelope");

  // eventcore-runtime: the SPI for generated code
  private static final String GENERATED = RUNTIME + ".generated";
  public static final ClassName JSON_READING = ClassName.get(GENERATED, "JsonReading");
  public static final ClassName JSON_WRITING = ClassName.get(GENERATED, "JsonWriting");
  public static final ClassName DISPATCH = ClassName.get(GENERATED, "Dispatch");
  public static final ClassName FORMER_VERSIONS = ClassName.get(GENERATED, "FormerVersions");

  // Jackson streaming
  private static final String JACKSON = "com.fasterxml.jackson.core";
  public static final ClassName JSON_GENERATOR = ClassName.get(JACKSON, "JsonGenerator");
  public static final ClassName JSON_PARSER = ClassName.get(JACKSON, "JsonParser");
  public static final ClassName JSON_TOKEN = ClassName.get(JACKSON, "JsonToken");
  public static final ClassName SERIALIZED_STRING = ClassName.get(JACKSON + ".io", "SerializedString");

  // JDK
  public static final ClassName GENERATED_ANNOTATION = ClassName.get("javax.annotation.processing", "Generated");
  public static final ClassName IO_EXCEPTION = ClassName.get(IOException.class);
  public static final ClassName LIST = ClassName.get(List.class);
  public static final ClassName SET = ClassName.get(Set.class);
  public static final ClassName MAP = ClassName.get(Map.class);
  public static final ClassName OPTIONAL = ClassName.get(Optional.class);
  public static final ClassName COLLECTION = ClassName.get(Collection.class);
  public static final ClassName LINKED_HASH_SET = ClassName.get(LinkedHashSet.class);
  public static final ClassName CONSUMER = ClassName.get(Consumer.class);

  private RuntimeTypes() {}
}

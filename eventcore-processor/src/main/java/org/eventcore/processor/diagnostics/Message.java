package org.eventcore.processor.diagnostics;

/**
 * The catalogue of every diagnostic the processor reports. Each entry has a stable tag, printed in brackets at the
 * start of the message so that users can search for it and tests can match it, and a format that names the rule,
 * the element and the fix.
 */
public enum Message {
  // ------------------------------------------------------------------------------------------- @Events
  EVENTS_NOT_INTERFACE("EventsNotInterface",
      "@Events can only be applied to a sealed interface, but %s is %s; declare it as"
          + " 'sealed interface %s permits ...'"),
  EVENTS_NOT_SEALED("EventsNotSealed",
      "@Events type %s must be a sealed interface; add 'sealed' and list the event records in 'permits'"
          + " (or declare them in the same file)"),
  EVENT_NOT_RECORD("EventNotRecord",
      "permitted subtype %s of sealed event type %s must be a record (or a sealed interface of records);"
          + " declare it as 'record %s(...) implements %s'"),
  EVENT_HIERARCHY_OPEN("EventHierarchyOpen",
      "%s is non-sealed, so the %s hierarchy is open and cannot be decoded exhaustively; make it a record or a"
          + " sealed interface"),
  GENERIC_EVENT_UNSUPPORTED("GenericEventUnsupported",
      "event type %s must not declare type parameters (%s); generated codecs need concrete component types"),
  EVENT_NOT_ACCESSIBLE("EventNotAccessible",
      "%s must not be private (nor be nested in a private type); the generated %s in package %s cannot access"
          + " it"),
  EMPTY_TYPE_PROPERTY("EmptyTypeProperty",
      "@Events.typeProperty of %s must be a non-empty JSON property name, got \"%s\""),
  INVALID_EVENT_TYPE_NAME("InvalidEventTypeName",
      "@EventType on %s declares the blank type name \"%s\"; type names must contain a non-blank character"),
  DUPLICATE_EVENT_NAME("DuplicateEventName",
      "event type name '%s' is used by both %s and %s in family %s; set @EventType on one of them (keep the old"
          + " name in @EventType.aliases if it was stored)"),
  INVALID_EVENT_VERSION("InvalidEventVersion",
      "%s on %s declares version %d; versions start at 1, the version of rows written before the type had"
          + " versions"),
  FORMER_VERSION_SHAPE("FormerVersionShape",
      "former version %s of family %s %s"),
  UPCAST_SIGNATURE("UpcastSignature",
      "the conversion of former version %s must be one non-static, non-private method 'upcast()' without"
          + " parameters or checked exceptions; found '%s'"),
  UPCAST_TYPE("UpcastType",
      "%s.upcast() returns %s, which does not fit family %s; return an event of the family (a record, a sealed"
          + " sub-interface or the root), a List of them, or a former version listed in @Events.formerVersions"),
  NO_UPCAST_PATH("NoUpcastPath",
      "former version %s has no path to a current event of %s: %s"),
  UPCAST_CYCLE("UpcastCycle",
      "former versions of %s convert in a cycle (%s); end the chain at a current event of the family"),
  DUPLICATE_EVENT_VERSION("DuplicateEventVersion",
      "version %d of stored type '%s' is declared by both %s and %s; keep one record per version"),
  EVENT_VERSION_CLASH("EventVersionClash",
      "former version %s is stored as '%s', which is also %s; rows of one stored name have one shape: raise"
          + " the current record's version with @EventType(version = ...) so that new rows get a versioned name,"
          + " or fix @EventVersion.version"),
  EVENT_WITHOUT_STREAM("EventWithoutStream",
      "event record %s declares no @Stream component; mark the StreamId component the event is appended to with"
          + " @Stream"),
  MULTIPLE_EVENT_STREAMS("MultipleEventStreams",
      "event record %s declares a second @Stream component '%s' (the first is '%s'); an event belongs to exactly"
          + " one stream, remove @Stream from one of them"),
  STREAM_ID_TYPE("StreamIdType",
      "@Stream component '%s' of %s has type %s; %s"),
  NULLABLE_STREAM_ID("NullableStreamId",
      "@Stream component '%s' of %s is @Nullable; stream ids must be non-null, remove the annotation"),
  UNSUPPORTED_COMPONENT_TYPE("UnsupportedComponentType",
      "component '%s' of %s has type %s, which has no generated JSON codec (%s); supported types are %s"),
  TYPE_NOT_ACCESSIBLE("TypeNotAccessible",
      "component '%s' of %s has type %s, which the generated codec in package %s cannot access; make it public"
          + " (and every type enclosing it)"),
  EMPTY_JSON_NAME("EmptyJsonName",
      "@JsonName on component '%s' of %s must be a non-empty JSON property name"),
  DUPLICATE_JSON_NAME("DuplicateJsonName",
      "JSON name '%s' is used by both '%s' and '%s' in %s; set a different @JsonName on one of them"),
  DISCRIMINATOR_CLASH("DiscriminatorClash",
      "component '%s' of %s has the JSON name '%s', which clashes with the discriminator property of family %s;"
          + " rename the component, set @JsonName, or set @Events(typeProperty = \"...\")"),

  // ------------------------------------------------------------------------------------------- @Command
  COMMAND_NOT_RECORD("CommandNotRecord",
      "@Command can only be applied to records, but %s is %s; declare it as 'record %s(...)'"),
  GENERIC_COMMAND_UNSUPPORTED("GenericCommandUnsupported",
      "command %s must not declare type parameters (%s); the generated binding needs concrete types"),
  COMMAND_NOT_ACCESSIBLE("CommandNotAccessible",
      "%s must not be private (nor be nested in a private type); the generated binding in package %s cannot"
          + " access it"),
  NO_STREAM_ID("NoStreamId",
      "command %s declares no @Stream component; mark the StreamId component(s) that identify the streams it"
          + " reads and writes"),
  MISSING_HANDLE("MissingHandle",
      "command %s declares no handle method; add 'List<E> handle(S state)' returning the new events of an"
          + " @Events family E"),
  HANDLE_SIGNATURE("HandleSignature",
      "handle methods of command %s must be non-static, non-private, take exactly one state parameter and throw"
          + " no checked exception; found '%s' (%s)"),
  HANDLE_RETURN_TYPE("HandleReturnType",
      "handle method of command %s must return List<E> (or List<? extends E>) where E is an @Events family or"
          + " one of its event types; found %s (%s)"),
  APPLY_SIGNATURE("ApplySignature",
      "apply methods %s must be non-static, non-private, %s and throw no checked exception; found '%s' (%s)"),
  APPLY_NOT_AN_EVENT("ApplyNotAnEvent",
      "parameter type %s of %s is not an event type of family %s (its root, a sealed sub-interface or a"
          + " record)%s"),
  AMBIGUOUS_APPLY("AmbiguousApply",
      "both %s and %s handle event %s; keep one (a record-typed apply only wins over a catch-all apply(%s))"),
  MISSING_APPLY("MissingApply",
      "command %s has no apply method for event %s (permitted by %s); add '%s' to %s, or '%s' to %s"),
  AUXILIARY_TYPE("AuxiliaryType",
      "%s is declared in %s, a file named after another type, so the generated %s cannot use it without javac's"
          + " [auxiliaryclass] warning (an error under -Werror); move %s to its own file %s.java, or nest it in"
          + " the type the file is named after"),
  MISSING_APPLY_ON_COMMAND("MissingApply",
      "command %s has no apply method for event %s (permitted by %s); add '%s' to %s (the state type %s is not"
          + " compiled here, so it cannot get one; or use a state type of your own)"),
  NO_INITIAL_STATE("NoInitialState",
      "command %s has no initial state of type %s; add '%s initialState()' to the command, a static"
          + " '%s initial()' to %s, or a non-private no-argument constructor to %s"),
  INITIAL_STATE_SIGNATURE("InitialStateSignature",
      "initial state method '%s' must be %s and return %s; found '%s'"),
  DISCOVER_STREAMS_SIGNATURE("DiscoverStreamsSignature",
      "discoverStreams of command %s must be non-static, non-private, take the state (%s) and return"
          + " Collection<StreamId>, List<StreamId> or Set<StreamId>; found '%s'"),

  // ------------------------------------------------------------------------------------------- @Projection
  PROJECTION_NOT_CLASS("ProjectionNotClass",
      "@Projection can only be applied to a concrete class or a record, but %s is %s; declare it as"
          + " 'final class %s' (or a record) with 'void on(E event)' handlers"),
  GENERIC_PROJECTION_UNSUPPORTED("GenericProjectionUnsupported",
      "projection %s must not declare type parameters (%s); the generated binding needs a concrete type"),
  PROJECTION_NOT_ACCESSIBLE("ProjectionNotAccessible",
      "%s must not be private (nor be nested in a private type); the generated binding in package %s cannot"
          + " access it"),
  INNER_PROJECTION("InnerProjection",
      "projection %s is an inner class; declare it 'static' (a projection is a top-level or static nested"
          + " class)"),
  INVALID_PROJECTION_NAME("InvalidProjectionName",
      "@Projection(name = ...) of %s %s; the name keys the projection's checkpoint and leadership lock, so give"
          + " a stable, non-blank name of at most 200 characters"),
  NO_HANDLERS("NoHandlers",
      "projection %s declares no handler; add 'void on(E event)' (optionally with a second 'EventEnvelope"
          + " envelope' parameter) where E is an event record, a sealed sub-interface or the root of an @Events"
          + " family"),
  HANDLER_SIGNATURE("HandlerSignature",
      "handlers of projection %s must be named 'on', non-static, non-private, return void and take (E event) or"
          + " (E event, EventEnvelope envelope); found '%s' (%s)"),
  HANDLER_NOT_AN_EVENT("HandlerNotAnEvent",
      "parameter type %s of %s is not an event type of an @Events family (a family root, a sealed"
          + " sub-interface or an event record)%s"),
  AMBIGUOUS_HANDLER("AmbiguousHandler",
      "both %s and %s handle %s; keep one (a record- or sub-interface-typed handler only wins over a"
          + " catch-all on(%s))"),
  MISSING_HANDLER("MissingHandler",
      "projection %s has no handler for event %s (permitted by %s, which it handles); add '%s' to %s, or a"
          + " catch-all '%s'"),
  PROJECTION_TYPE_NAME_CLASH("ProjectionTypeNameClash",
      "stored type name '%s' is used by both %s (family %s) and %s (family %s), and projection %s handles both"
          + " families; events are dispatched by stored type name, so set @EventType on one of them or split"
          + " the projection"),

  // ------------------------------------------------------------------------------------------- @Snapshot
  SNAPSHOT_NOT_RECORD("SnapshotNotRecord",
      "@Snapshot can only be applied to a record state type, but %s is %s; the state codec is generated from"
          + " record components: declare it as 'record %s(...)' or remove @Snapshot (its commands then fold the"
          + " state from the events, with the state cache only)"),
  GENERIC_SNAPSHOT_UNSUPPORTED("GenericSnapshotUnsupported",
      "@Snapshot state %s must not declare type parameters (%s); the generated state codec needs concrete"
          + " component types"),
  SNAPSHOT_NOT_ACCESSIBLE("SnapshotNotAccessible",
      "@Snapshot state %s must not be private (nor be nested in a private type); the generated state codec in"
          + " package %s cannot access it"),
  INVALID_SNAPSHOT_VERSION("InvalidSnapshotVersion",
      "@Snapshot on %s declares version %d; snapshot versions start at 1 (raise it when the state's meaning"
          + " changes)"),

  // ------------------------------------------------------------------------------------------- general
  GENERATED_NAME_CLASH("GeneratedNameClash",
      "generated class %s would be created for both %s and %s; rename one of the types"),
  UNDEFINED_TYPE("UndefinedType",
      "did not generate %s for %s because it references undefined type %s; check the import or the processor"
          + " that should generate it"),
  PROCESSOR_EXCEPTION("EventCoreProcessorException",
      "the EventCore processor failed on %s; please report this with the stack trace:%n%s");

  private final String tag;
  private final String format;

  Message(String tag, String format) {
    this.tag = tag;
    this.format = format;
  }

  /** The stable tag, without brackets. */
  public String tag() {
    return tag;
  }

  /** The full message text, {@code [Tag] ...}, for the given arguments. */
  public String format(Object... args) {
    return "[" + tag + "] " + String.format(format, args);
  }
}

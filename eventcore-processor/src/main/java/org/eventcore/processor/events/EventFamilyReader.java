package org.eventcore.processor.events;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.processor.codec.TypeResolver;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.diagnostics.Message;
import org.eventcore.processor.model.EventModel;
import org.eventcore.processor.model.FamilyModel;
import org.eventcore.processor.model.FormerVersionModel;
import org.eventcore.processor.model.Property;
import org.eventcore.processor.model.RecordModel;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * Reads an {@code @Events} root into a {@link FamilyModel}, reporting every shape problem of the root, its
 * hierarchy and its records on the offending element. Rules that compare elements with each other are left to
 * {@link EventFamilyValidator}.
 */
public final class EventFamilyReader {
  private final ElementSupport support;
  private final Diagnostics diagnostics;

  public EventFamilyReader(ElementSupport support, Diagnostics diagnostics) {
    this.support = support;
    this.diagnostics = diagnostics;
  }

  /** The model, or null when the root's shape prevents reading further (already reported). */
  public FamilyModel read(TypeElement root) {
    String name = root.getQualifiedName().toString();
    if (root.getKind() != ElementKind.INTERFACE) {
      diagnostics.error(Message.EVENTS_NOT_INTERFACE, root, name, ElementSupport.describeKind(root.getKind()),
          root.getSimpleName());
      return null;
    }
    if (!root.getModifiers().contains(Modifier.SEALED)) {
      diagnostics.error(Message.EVENTS_NOT_SEALED, root, name);
      return null;
    }
    String pkg = support.packageName(root);
    ClassName codec = ClassName.bestGuess(GeneratedNames.codecName(support.binaryName(root)));
    if (!root.getTypeParameters().isEmpty()) {
      diagnostics.error(Message.GENERIC_EVENT_UNSUPPORTED, root, name, root.getTypeParameters());
    }
    if (!support.isAccessibleFrom(root, pkg)) {
      diagnostics.error(Message.EVENT_NOT_ACCESSIBLE, root, name, "codec", pkg);
    }
    AnnotationMirror eventsMirror = ElementSupport.annotation(root, RuntimeTypes.EVENTS).orElseThrow();
    AnnotationValue typePropertyValue = support.value(eventsMirror, "typeProperty");
    String typeProperty = (String) typePropertyValue.getValue();
    if (typeProperty.isBlank()) {
      diagnostics.error(Message.EMPTY_TYPE_PROPERTY, root, eventsMirror,
          ElementSupport.explicitValue(eventsMirror, "typeProperty").orElse(typePropertyValue), name, typeProperty);
    }

    EventHierarchy hierarchy = EventHierarchy.scan(support, root, diagnostics);
    TypeResolver resolver = new TypeResolver(support, diagnostics, pkg);
    List<EventModel> events = new ArrayList<>();
    for (TypeElement record : hierarchy.records()) {
      EventModel event = readEvent(record, resolver, pkg);
      if (event != null) {
        events.add(event);
      }
    }
    List<FormerVersionModel> formerVersions =
        new FormerVersionReader(support, diagnostics).read(root, hierarchy, events, resolver);
    return new FamilyModel(ClassName.get(root), codec, typeProperty, events, resolver.nestedRecords(),
        resolver.narrowings(), formerVersions, root);
  }

  private EventModel readEvent(TypeElement record, TypeResolver resolver, String pkg) {
    String name = record.getQualifiedName().toString();
    if (!record.getTypeParameters().isEmpty()) {
      diagnostics.error(Message.GENERIC_EVENT_UNSUPPORTED, record, name, record.getTypeParameters());
      return null;
    }
    if (!support.isAccessibleFrom(record, pkg)) {
      diagnostics.error(Message.EVENT_NOT_ACCESSIBLE, record, name, "codec", pkg);
      return null;
    }
    var auxiliary = support.auxiliarySource(record);
    if (auxiliary.isPresent()) {
      TypeElement top = ElementSupport.topLevel(record);
      diagnostics.error(Message.AUXILIARY_TYPE, record, name, auxiliary.get(), "codec", top.getSimpleName(),
          top.getSimpleName());
      return null;
    }
    String helper = resolver.helperName(record);
    List<Property> properties = new ArrayList<>(resolver.readProperties(record));

    RecordComponentElement stream = null;
    for (RecordComponentElement c : record.getRecordComponents()) {
      if (!TypeResolver.isStream(c)) {
        continue;
      }
      if (stream != null) {
        diagnostics.error(Message.MULTIPLE_EVENT_STREAMS, c, name, c.getSimpleName(), stream.getSimpleName());
        continue;
      }
      stream = c;
      if (!resolver.isStreamId(c.asType())) {
        diagnostics.error(Message.STREAM_ID_TYPE, c, c.getSimpleName(), name, c.asType(),
            "the @Stream component of an event record must be a StreamId");
      } else if (ElementSupport.isNullable(c)) {
        diagnostics.error(Message.NULLABLE_STREAM_ID, c, c.getSimpleName(), name);
      }
    }
    if (stream == null) {
      diagnostics.error(Message.EVENT_WITHOUT_STREAM, record, name);
      return null;
    }
    String streamName = stream.getSimpleName().toString();
    properties.replaceAll(p -> p.name().equals(streamName)
        ? new Property(p.name(), p.jsonName(), p.json(), true, p.source()) : p);

    TypeNames names = TypeNames.of(support, record);
    Optional<AnnotationMirror> eventType = ElementSupport.annotation(record, RuntimeTypes.EVENT_TYPE);
    if (eventType.isPresent()) {
      AnnotationValue value = support.value(eventType.get(), "value");
      String explicit = (String) value.getValue();
      if (!explicit.isEmpty() && explicit.isBlank()) {
        diagnostics.error(Message.INVALID_EVENT_TYPE_NAME, record, eventType.get(), value, name, explicit);
      }
      AnnotationValue version = support.value(eventType.get(), "version");
      if ((Integer) version.getValue() < 1) {
        diagnostics.error(Message.INVALID_EVENT_VERSION, record, eventType.get(), version, "@EventType", name,
            version.getValue());
      }
      AnnotationValue aliasValue = support.value(eventType.get(), "aliases");
      for (String alias : names.aliases()) {
        if (alias.isBlank()) {
          diagnostics.error(Message.INVALID_EVENT_TYPE_NAME, record, eventType.get(), aliasValue, name, alias);
        }
      }
    }
    return new EventModel(new RecordModel(ClassName.get(record), helper, properties, record), names.typeName(),
        names.aliases(), streamName);
  }
}

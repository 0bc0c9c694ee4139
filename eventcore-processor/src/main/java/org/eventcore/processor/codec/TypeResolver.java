package org.eventcore.processor.codec;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.diagnostics.Message;
import org.eventcore.processor.events.EventHierarchy;
import org.eventcore.processor.model.JsonType;
import org.eventcore.processor.model.Property;
import org.eventcore.processor.model.RecordModel;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * Maps component types to {@link JsonType}s for one codec: table types through {@link SupportedTypes}, containers,
 * enums and {@code @Events} types structurally, plain records by reading their components (recursively, once per
 * record). Reports unsupported and inaccessible component types on the component.
 */
public final class TypeResolver {
  private final ElementSupport support;
  private final Diagnostics diagnostics;
  private final String codecPackage;
  private final Map<String, RecordModel> nested = new LinkedHashMap<>();
  private final Set<String> reading = new HashSet<>();
  private final Map<String, JsonType.Embedded> narrowings = new LinkedHashMap<>();
  private final Map<String, String> helperNames = new HashMap<>();
  private final Set<String> usedHelperNames = new HashSet<>();

  public TypeResolver(ElementSupport support, Diagnostics diagnostics, String codecPackage) {
    this.support = support;
    this.diagnostics = diagnostics;
    this.codecPackage = codecPackage;
  }

  /** The plain records reached so far, in discovery order. */
  public List<RecordModel> nestedRecords() {
    return new ArrayList<>(nested.values());
  }

  /** The embedded non-root event types reached so far. */
  public List<JsonType.Embedded> narrowings() {
    return new ArrayList<>(narrowings.values());
  }

  /** A helper-method base name for the type, unique within the codec and stable for one type. */
  public String helperName(TypeElement type) {
    return helperNames.computeIfAbsent(type.getQualifiedName().toString(), q -> {
      String base = type.getSimpleName().toString();
      String name = base;
      for (int i = 2; !usedHelperNames.add(name); i++) {
        name = base + i;
      }
      return name;
    });
  }

  /**
   * Reads the components of a record, reporting every component whose type is unsupported; the components that
   * resolved are returned (the caller abandons generation when anything was reported).
   */
  public List<Property> readProperties(TypeElement record) {
    List<Property> properties = new ArrayList<>();
    String owner = record.getQualifiedName().toString();
    for (RecordComponentElement c : record.getRecordComponents()) {
      String name = c.getSimpleName().toString();
      String jsonName = name;
      Optional<AnnotationMirror> jsonNameMirror = ElementSupport.annotation(c, RuntimeTypes.JSON_NAME);
      if (jsonNameMirror.isPresent()) {
        var value = support.value(jsonNameMirror.get(), "value");
        jsonName = (String) value.getValue();
        if (jsonName.isEmpty()) {
          diagnostics.error(Message.EMPTY_JSON_NAME, c, jsonNameMirror.get(), value, name, owner);
          jsonName = name;
        }
      }
      TypeMirror type = c.asType();
      Outcome outcome = resolve(type);
      if (outcome.type() != null) {
        properties.add(new Property(name, jsonName, outcome.type(), type.getKind().isPrimitive(), c));
      } else if (outcome.inaccessible() != null) {
        diagnostics.error(Message.TYPE_NOT_ACCESSIBLE, c, name, owner, type, codecPackage);
      } else {
        diagnostics.error(Message.UNSUPPORTED_COMPONENT_TYPE, c, name, owner, type, outcome.reason(),
            SupportedTypes.DESCRIPTION);
      }
    }
    return properties;
  }

  /** A resolved type, or why not. */
  record Outcome(JsonType type, String reason, TypeElement inaccessible) {
    static Outcome of(JsonType type) {
      return new Outcome(type, null, null);
    }

    static Outcome unsupported(String reason) {
      return new Outcome(null, reason, null);
    }
  }

  Outcome resolve(TypeMirror type) {
    ElementSupport.requireResolved(type);
    if (type.getKind().isPrimitive()) {
      return Outcome.of(SupportedTypes.lookup(type.toString()));
    }
    switch (type.getKind()) {
      case ARRAY:
        return Outcome.unsupported("arrays are not supported; use List<V>");
      case TYPEVAR:
        return Outcome.unsupported("type variables are not supported");
      case WILDCARD:
        return Outcome.unsupported("wildcard type arguments are not supported; use the exact type");
      case DECLARED:
        break;
      default:
        return Outcome.unsupported("not a class, record or enum type");
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    String qualified = element.getQualifiedName().toString();
    List<? extends TypeMirror> args = declared.getTypeArguments();
    switch (qualified) {
      case "java.util.List":
      case "java.util.Set":
        return container(declared, args, 1, (resolved) -> new JsonType.Array(TypeName.get(type), resolved.get(0),
            qualified.equals("java.util.Set")));
      case "java.util.Optional":
        if (args.size() == 1 && support.isClass(args.get(0), "java.util.Optional")) {
          return Outcome.unsupported("an Optional of an Optional cannot round-trip: Optional.of(Optional.empty())"
              + " and Optional.empty() are both written as null; use one Optional");
        }
        return container(declared, args, 1, (resolved) -> new JsonType.OptionalOf(TypeName.get(type),
            resolved.get(0)));
      case "java.util.Map":
        if (!args.isEmpty() && !support.isClass(args.get(0), "java.lang.String")) {
          return Outcome.unsupported("map keys must be String");
        }
        return container(declared, args, 2, (resolved) -> new JsonType.MapOf(TypeName.get(type),
            resolved.get(1)));
      default:
        break;
    }
    JsonType fromTable = SupportedTypes.lookup(qualified);
    if (fromTable != null) {
      return Outcome.of(fromTable);
    }
    if (!args.isEmpty() || !element.getTypeParameters().isEmpty()) {
      return Outcome.unsupported("generic types other than List, Set, Map and Optional are not supported");
    }
    Optional<String> auxiliary = support.auxiliarySource(element);
    if (auxiliary.isPresent() && (element.getKind() == ElementKind.ENUM || element.getKind() == ElementKind.RECORD)) {
      return Outcome.unsupported("it is declared in " + auxiliary.get() + ", a file named after another type, so"
          + " generated code cannot use it without javac's [auxiliaryclass] warning; move "
          + ElementSupport.topLevel(element).getSimpleName() + " to its own file");
    }
    if (element.getKind() == ElementKind.ENUM) {
      if (!support.isAccessibleFrom(element, codecPackage)) {
        return new Outcome(null, null, element);
      }
      String constants = element.getEnclosedElements().stream()
          .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT).map(e -> e.getSimpleName().toString())
          .collect(Collectors.joining(", ", "one of ", ""));
      return Outcome.of(new JsonType.Text(ClassName.get(element), "valueOf", constants, true));
    }
    Optional<TypeElement> family = EventHierarchy.familyRootOf(element);
    if (family.isPresent()) {
      TypeElement root = family.get();
      if (!support.isAccessibleFrom(element, codecPackage) || !support.isAccessibleFrom(root, codecPackage)) {
        return new Outcome(null, null, element);
      }
      ClassName codec = ClassName.bestGuess(GeneratedNames.codecName(support.binaryName(root)));
      if (element.equals(root)) {
        return Outcome.of(new JsonType.Embedded(ClassName.get(root), ClassName.get(root), codec, null));
      }
      JsonType.Embedded narrow = narrowings.computeIfAbsent(qualified, q -> new JsonType.Embedded(
          ClassName.get(element), ClassName.get(root), codec, "narrow" + helperName(element)));
      return Outcome.of(narrow);
    }
    if (element.getKind() == ElementKind.RECORD) {
      if (!support.isAccessibleFrom(element, codecPackage)) {
        return new Outcome(null, null, element);
      }
      readNested(element);
      return Outcome.of(new JsonType.Record(ClassName.get(element), helperName(element)));
    }
    return Outcome.unsupported(ElementSupport.describeKind(element.getKind()).replaceFirst("^an? ", "")
        + " types are not supported unless annotated @Events");
  }

  private interface Build {
    JsonType build(List<JsonType> resolved);
  }

  private Outcome container(DeclaredType type, List<? extends TypeMirror> args, int arity, Build build) {
    if (args.size() != arity) {
      return Outcome.unsupported("raw " + ((TypeElement) type.asElement()).getSimpleName()
          + " is not supported; declare its type arguments");
    }
    List<JsonType> resolved = new ArrayList<>();
    for (TypeMirror arg : args) {
      Outcome inner = resolve(arg);
      if (inner.type() == null) {
        return inner.inaccessible() != null ? inner
            : Outcome.unsupported("type argument " + arg + ": " + inner.reason());
      }
      resolved.add(inner.type());
    }
    return Outcome.of(build.build(resolved));
  }

  private void readNested(TypeElement record) {
    String qualified = record.getQualifiedName().toString();
    if (nested.containsKey(qualified) || !reading.add(qualified)) {
      return; // done, or being read further up the stack (a recursive record)
    }
    String helper = helperName(record);
    List<Property> properties = readProperties(record);
    nested.put(qualified, new RecordModel(ClassName.get(record), helper, properties, record));
  }

  /** Whether the element is annotated {@code @Stream}. */
  public static boolean isStream(Element component) {
    return ElementSupport.annotation(component, RuntimeTypes.STREAM).isPresent();
  }

  /** Whether the type is exactly {@code StreamId}. */
  public boolean isStreamId(TypeMirror type) {
    return support.isClass(type, RuntimeTypes.STREAM_ID.canonicalName()) && type.getKind() != TypeKind.ERROR;
  }
}

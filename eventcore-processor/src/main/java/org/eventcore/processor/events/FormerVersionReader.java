package org.eventcore.processor.events;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.processor.codec.TypeResolver;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.diagnostics.Message;
import org.eventcore.processor.model.EventModel;
import org.eventcore.processor.model.FormerVersionModel;
import org.eventcore.processor.model.FormerVersionModel.Conversion;
import org.eventcore.processor.model.RecordModel;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * Reads and checks the former versions of a family ({@code @Events.formerVersions}, each an {@code @EventVersion}
 * record with an {@code upcast()}): their shape, the fit of each conversion, and, across versions, duplicate
 * versions, stored names clashing with current ones, dead ends and cycles. Each problem is reported once, on the
 * former version concerned (or on the family root when that record is not compiled here).
 */
public final class FormerVersionReader {
  private final ElementSupport support;
  private final Diagnostics diagnostics;

  public FormerVersionReader(ElementSupport support, Diagnostics diagnostics) {
    this.support = support;
    this.diagnostics = diagnostics;
  }

  /** The records listed in {@code @Events.formerVersions} of the root, in listed order (duplicates removed). */
  public static List<TypeElement> listed(ElementSupport support, TypeElement root) {
    Set<TypeElement> listed = new LinkedHashSet<>();
    Optional<AnnotationMirror> events = ElementSupport.annotation(root, RuntimeTypes.EVENTS);
    if (events.isEmpty()) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> values =
        (List<? extends AnnotationValue>) support.value(events.get(), "formerVersions").getValue();
    for (AnnotationValue v : values) {
      TypeMirror type = (TypeMirror) v.getValue();
      ElementSupport.requireResolved(type);
      listed.add((TypeElement) ((DeclaredType) type).asElement());
    }
    return new ArrayList<>(listed);
  }

  /** The stored name of a former version, or empty when the record is not annotated {@code @EventVersion}. */
  public static Optional<String> storedName(ElementSupport support, TypeElement record) {
    return ElementSupport.annotation(record, RuntimeTypes.EVENT_VERSION).map(m -> GeneratedNames.storedTypeName(
        (String) support.value(m, "of").getValue(), (Integer) support.value(m, "version").getValue()));
  }

  /** The former versions of the family, read with the codec's resolver; problems are reported. */
  public List<FormerVersionModel> read(TypeElement root, EventHierarchy hierarchy, List<EventModel> events,
      TypeResolver resolver) {
    String pkg = support.packageName(root);
    List<TypeElement> listed = listed(support, root);
    Map<String, FormerVersionModel> models = new LinkedHashMap<>();
    Map<String, TypeElement> byStoredName = new HashMap<>();
    Map<String, String> current = new HashMap<>();
    for (EventModel e : events) {
      current.putIfAbsent(e.typeName(), "the type name of current event " + e.record().type().canonicalName());
      for (String alias : e.aliases()) {
        current.putIfAbsent(alias, "an alias of current event " + e.record().type().canonicalName());
      }
    }
    for (TypeElement record : listed) {
      FormerVersionModel model = readOne(root, record, hierarchy, listed, resolver, pkg);
      if (model == null) {
        continue;
      }
      String clash = current.get(model.storedName());
      TypeElement previous = byStoredName.putIfAbsent(model.storedName(), record);
      if (previous != null) {
        AnnotationMirror version = ElementSupport.annotation(record, RuntimeTypes.EVENT_VERSION).orElseThrow();
        diagnostics.error(Message.DUPLICATE_EVENT_VERSION, on(record, root),
            support.value(version, "version").getValue(), support.value(version, "of").getValue(),
            previous.getQualifiedName(), record.getQualifiedName());
      } else if (clash != null) {
        diagnostics.error(Message.EVENT_VERSION_CLASH, on(record, root), record.getQualifiedName(),
            model.storedName(), clash);
      }
      models.put(record.getQualifiedName().toString(), model);
    }
    checkPaths(root, models);
    return new ArrayList<>(models.values());
  }

  private Element on(TypeElement record, TypeElement root) {
    return support.isCompiledHere(record) ? record : root;
  }

  private void shape(TypeElement record, TypeElement root, String problem) {
    diagnostics.error(Message.FORMER_VERSION_SHAPE, on(record, root), record.getQualifiedName(),
        root.getQualifiedName(), problem);
  }

  private FormerVersionModel readOne(TypeElement root, TypeElement record, EventHierarchy hierarchy,
      List<TypeElement> listed, TypeResolver resolver, String pkg) {
    Optional<AnnotationMirror> version = ElementSupport.annotation(record, RuntimeTypes.EVENT_VERSION);
    if (version.isEmpty()) {
      shape(record, root, "is not annotated @EventVersion; add @EventVersion(of = \"<stored type name>\","
          + " version = <n>)");
      return null;
    }
    if (hierarchy.contains(record)) {
      shape(record, root, "is a current event of the family; a former version stays outside the sealed"
          + " hierarchy (remove it from 'permits' or from formerVersions)");
      return null;
    }
    if (!record.getTypeParameters().isEmpty()) {
      shape(record, root, "must not declare type parameters (" + record.getTypeParameters() + ")");
      return null;
    }
    if (!support.isAccessibleFrom(record, pkg)) {
      shape(record, root, "must not be private (nor be nested in a private type), and must be public when"
          + " outside package " + pkg + "; the generated codec reads it");
      return null;
    }
    Optional<String> auxiliary = support.auxiliarySource(record);
    if (auxiliary.isPresent()) {
      TypeElement top = ElementSupport.topLevel(record);
      diagnostics.error(Message.AUXILIARY_TYPE, record, record.getQualifiedName(), auxiliary.get(), "codec",
          top.getSimpleName(), top.getSimpleName());
      return null;
    }
    AnnotationValue ofValue = support.value(version.get(), "of");
    String of = (String) ofValue.getValue();
    if (of.isBlank()) {
      diagnostics.error(Message.FORMER_VERSION_SHAPE, on(record, root), version.get(), ofValue,
          record.getQualifiedName(), root.getQualifiedName(), "declares the blank stored type name \"" + of
              + "\"; set @EventVersion.of to the type name its rows were stored under");
      return null;
    }
    AnnotationValue versionValue = support.value(version.get(), "version");
    int number = (Integer) versionValue.getValue();
    if (number < 1) {
      diagnostics.error(Message.INVALID_EVENT_VERSION, on(record, root), version.get(), versionValue,
          "@EventVersion", record.getQualifiedName(), number);
      return null;
    }
    RecordModel model = new RecordModel(ClassName.get(record), resolver.helperName(record),
        resolver.readProperties(record), record);
    return conversion(root, record, hierarchy, listed, model, GeneratedNames.storedTypeName(of, number));
  }

  private FormerVersionModel conversion(TypeElement root, TypeElement record, EventHierarchy hierarchy,
      List<TypeElement> listed, RecordModel model, String storedName) {
    List<ExecutableElement> upcasts = ElementSupport.methodsNamed(
        ElementFilter.methodsIn(record.getEnclosedElements()), "upcast");
    if (upcasts.isEmpty()) {
      diagnostics.error(Message.NO_UPCAST_PATH, on(record, root), record.getQualifiedName(),
          root.getQualifiedName(), "it declares no conversion; add an 'upcast()' method returning an event of the"
              + " family, a List of them, or a newer former version");
      return null;
    }
    ExecutableElement upcast = upcasts.get(0);
    Optional<String> checked = support.checkedThrows(upcast);
    if (upcasts.size() > 1 || !upcast.getParameters().isEmpty() || upcast.getModifiers().contains(Modifier.STATIC)
        || upcast.getModifiers().contains(Modifier.PRIVATE) || checked.isPresent()) {
      ExecutableElement bad = upcasts.size() > 1 ? upcasts.get(1) : upcast;
      diagnostics.error(Message.UPCAST_SIGNATURE, bad, record.getQualifiedName(), ElementSupport.signature(bad));
      return null;
    }
    TypeMirror returns = upcast.getReturnType();
    ElementSupport.requireResolved(returns);
    TypeName returnType = TypeName.get(returns);
    TypeElement target = declared(returns);
    if (target != null && hierarchy.contains(target)) {
      return new FormerVersionModel(model, storedName, Conversion.ONE, returnType, returnType, null);
    }
    if (target != null && target.getQualifiedName().contentEquals("java.util.List")) {
      TypeMirror element = ((DeclaredType) returns).getTypeArguments().isEmpty() ? null
          : ((DeclaredType) returns).getTypeArguments().get(0);
      if (element != null && element.getKind() == TypeKind.WILDCARD) {
        element = ((WildcardType) element).getExtendsBound();
      }
      TypeElement split = element == null ? null : declared(element);
      if (split != null && hierarchy.contains(split)) {
        return new FormerVersionModel(model, storedName, Conversion.SPLIT, returnType, TypeName.get(element),
            null);
      }
    }
    if (target != null && ElementSupport.annotation(target, RuntimeTypes.EVENT_VERSION).isPresent()) {
      if (!listed.contains(target)) {
        diagnostics.error(Message.NO_UPCAST_PATH, upcast, record.getQualifiedName(), root.getQualifiedName(),
            "it converts to " + target.getQualifiedName() + ", which the family does not list in"
                + " @Events.formerVersions; add it there");
        return null;
      }
      return new FormerVersionModel(model, storedName, Conversion.CHAIN, returnType, returnType,
          ClassName.get(target));
    }
    diagnostics.error(Message.UPCAST_TYPE, upcast, record.getSimpleName(), returns, root.getQualifiedName());
    return null;
  }

  private static TypeElement declared(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) type).asElement() : null;
  }

  /**
   * Every chain must end at a current event: a chain through a former version that was rejected is already
   * reported there; a cycle is reported once, on its first listed member.
   */
  private void checkPaths(TypeElement root, Map<String, FormerVersionModel> models) {
    Set<String> done = new LinkedHashSet<>();
    for (FormerVersionModel start : models.values()) {
      List<String> path = new ArrayList<>();
      FormerVersionModel at = start;
      while (at != null && at.conversion() == Conversion.CHAIN) {
        String name = at.record().type().canonicalName();
        if (done.contains(name)) {
          break;
        }
        int loop = path.indexOf(name);
        if (loop >= 0) {
          List<String> cycle = path.subList(loop, path.size());
          diagnostics.error(Message.UPCAST_CYCLE, at.record().source(), root.getQualifiedName(),
              String.join(" -> ", cycle) + " -> " + name);
          break;
        }
        path.add(name);
        at = models.get(at.next().canonicalName());
      }
      done.addAll(path);
    }
  }
}

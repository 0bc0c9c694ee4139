package org.eventcore.processor.projection;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.diagnostics.Message;
import org.eventcore.processor.events.EventHierarchy;
import org.eventcore.processor.events.HandlerCoverage;
import org.eventcore.processor.events.FormerVersionReader;
import org.eventcore.processor.events.TypeNames;
import org.eventcore.processor.model.ProjectionModel;
import org.eventcore.processor.model.ProjectionModel.Dispatch;
import org.eventcore.processor.model.ProjectionModel.Family;
import org.eventcore.processor.model.ProjectionModel.Handler;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * Reads a {@code @Projection} class into a {@link ProjectionModel}, reporting every problem on the offending
 * element: the class's shape, its name, the signature and parameter of each {@code on} handler, the coverage of
 * every handled family (the rule commands use, {@link HandlerCoverage}) and stored type names shared by two
 * handled families.
 */
public final class ProjectionReader {
  /** Longest projection name the stores accept (checkpoint and lock key). */
  static final int MAX_NAME_LENGTH = 200;

  private final ElementSupport support;
  private final Diagnostics diagnostics;

  public ProjectionReader(ElementSupport support, Diagnostics diagnostics) {
    this.support = support;
    this.diagnostics = diagnostics;
  }

  /**
   * An on-handler, before coverage is decided. A rejected one (its signature was reported) still counts as
   * covering the event type it declares, so that one mistake gives one error, not also a MissingHandler.
   */
  private record OnMethod(ExecutableElement method, TypeElement parameter, boolean envelope, boolean rejected) {}

  /** The model, or null when something was reported. */
  public ProjectionModel read(TypeElement projection) {
    String qualified = projection.getQualifiedName().toString();
    boolean isClass = projection.getKind() == ElementKind.CLASS;
    if ((!isClass && projection.getKind() != ElementKind.RECORD)
        || (isClass && projection.getModifiers().contains(Modifier.ABSTRACT))) {
      String kind = isClass ? "an abstract class" : ElementSupport.describeKind(projection.getKind());
      diagnostics.error(Message.PROJECTION_NOT_CLASS, projection, qualified, kind, projection.getSimpleName());
      return null;
    }
    if (!projection.getTypeParameters().isEmpty()) {
      diagnostics.error(Message.GENERIC_PROJECTION_UNSUPPORTED, projection, qualified,
          projection.getTypeParameters());
      return null;
    }
    String pkg = support.packageName(projection);
    if (!support.isAccessibleFrom(projection, pkg)) {
      diagnostics.error(Message.PROJECTION_NOT_ACCESSIBLE, projection, qualified, pkg);
    } else if (isInner(projection)) {
      diagnostics.error(Message.INNER_PROJECTION, projection, qualified);
    }
    String name = readName(projection);

    List<ExecutableElement> ons = ElementFilter.methodsIn(projection.getEnclosedElements()).stream()
        .filter(m -> m.getSimpleName().contentEquals("on")).collect(Collectors.toList());
    for (ExecutableElement m : ons) {
      ElementSupport.requireResolved(m.getReturnType());
      m.getParameters().forEach(p -> ElementSupport.requireResolved(p.asType()));
    }
    if (ons.isEmpty()) {
      diagnostics.error(Message.NO_HANDLERS, projection, qualified);
      return null;
    }

    // handlers grouped by family, families in the order of their first handler
    Map<TypeElement, EventHierarchy> families = new LinkedHashMap<>();
    Map<TypeElement, List<OnMethod>> handlers = new LinkedHashMap<>();
    List<VariableElement> notEvents = new ArrayList<>();
    List<ExecutableElement> rejected = new ArrayList<>();
    for (ExecutableElement m : ons) {
      if (!signatureOk(projection, m)) {
        rejected.add(m);
        continue;
      }
      VariableElement event = m.getParameters().get(0);
      Optional<TypeElement> root = familyRoot(event.asType());
      EventHierarchy family = root.map(r -> families.computeIfAbsent(r, k -> EventHierarchy.scan(support, k, null)))
          .orElse(null);
      TypeElement parameter = root.isPresent() ? (TypeElement) ((DeclaredType) event.asType()).asElement() : null;
      if (family == null || !family.contains(parameter)) {
        notEvents.add(event);
        continue;
      }
      handlers.computeIfAbsent(family.root(), k -> new ArrayList<>())
          .add(new OnMethod(m, parameter, m.getParameters().size() == 2, false));
    }
    families.keySet().retainAll(handlers.keySet());
    for (ExecutableElement m : rejected) {
      declaredEvent(m, families.values()).ifPresent(covered -> handlers.get(covered.root())
          .add(new OnMethod(m, covered.parameter(), false, true)));
    }
    for (VariableElement event : notEvents) {
      reportNotAnEvent(event, families.values());
    }

    List<Family> models = new ArrayList<>();
    Map<String, StoredBy> storedBy = new HashMap<>();
    for (Map.Entry<TypeElement, List<OnMethod>> e : handlers.entrySet()) {
      EventHierarchy family = families.get(e.getKey());
      models.add(cover(projection, family, e.getValue()));
      checkStoredNames(projection, family, e.getValue().get(0).method(), storedBy);
    }

    if (diagnostics.errorCount() > 0) {
      return null;
    }
    ClassName binding = ClassName.bestGuess(GeneratedNames.projectionBindingName(support.binaryName(projection)));
    return new ProjectionModel(ClassName.get(projection), binding, name, models);
  }

  private static boolean isInner(TypeElement type) {
    for (Element e = type; e.getEnclosingElement() instanceof TypeElement outer; e = outer) {
      boolean implicitlyStatic = e.getKind() != ElementKind.CLASS || outer.getKind() == ElementKind.INTERFACE
          || outer.getKind() == ElementKind.ANNOTATION_TYPE;
      if (!implicitlyStatic && !e.getModifiers().contains(Modifier.STATIC)) {
        return true;
      }
    }
    return false;
  }

  private String readName(TypeElement projection) {
    AnnotationMirror mirror = ElementSupport.annotation(projection, RuntimeTypes.PROJECTION).orElseThrow();
    AnnotationValue value = support.value(mirror, "name");
    String name = value.getValue() instanceof String s ? s : "";
    String problem = null;
    if (name.isBlank()) {
      problem = "is blank (\"" + name + "\")";
    } else if (name.length() > MAX_NAME_LENGTH) {
      problem = "is " + name.length() + " characters long";
    } else if (name.chars().anyMatch(Character::isISOControl)) {
      problem = "contains a control character";
    }
    if (problem != null) {
      diagnostics.error(Message.INVALID_PROJECTION_NAME, projection, mirror, value,
          projection.getQualifiedName(), problem);
    }
    return name;
  }

  private boolean signatureOk(TypeElement projection, ExecutableElement m) {
    List<String> problems = new ArrayList<>();
    if (m.getModifiers().contains(Modifier.STATIC)) {
      problems.add("it is static");
    }
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      problems.add("it is private");
    }
    if (m.getReturnType().getKind() != TypeKind.VOID) {
      problems.add("it returns " + ElementSupport.simpleTypeName(m.getReturnType()));
    }
    if (m.isVarArgs()) {
      problems.add("it is varargs");
    }
    int count = m.getParameters().size();
    if (count != 1 && count != 2) {
      problems.add("it takes " + count + " parameters");
    } else if (count == 2
        && !support.isClass(m.getParameters().get(1).asType(), RuntimeTypes.EVENT_ENVELOPE.canonicalName())) {
      problems.add("its second parameter is " + ElementSupport.simpleTypeName(m.getParameters().get(1).asType())
          + ", not EventEnvelope");
    }
    if (problems.isEmpty()) {
      return true;
    }
    diagnostics.error(Message.HANDLER_SIGNATURE, m, projection.getQualifiedName(), ElementSupport.signature(m),
        String.join(", ", problems));
    return false;
  }

  /** What a rejected handler declares: the family and type of its first event-typed parameter (arrays too). */
  private record Declared(TypeElement root, TypeElement parameter) {}

  private static Optional<Declared> declaredEvent(ExecutableElement m, Iterable<EventHierarchy> handled) {
    for (VariableElement p : m.getParameters()) {
      TypeMirror type = p.asType();
      if (type.getKind() == TypeKind.ARRAY) {
        type = ((ArrayType) type).getComponentType();
      }
      if (type.getKind() != TypeKind.DECLARED) {
        continue;
      }
      TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
      for (EventHierarchy family : handled) {
        if (family.contains(element)) {
          return Optional.of(new Declared(family.root(), element));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<TypeElement> familyRoot(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED || !((DeclaredType) type).getTypeArguments().isEmpty()) {
      return Optional.empty();
    }
    return EventHierarchy.familyRootOf((TypeElement) ((DeclaredType) type).asElement());
  }

  private void reportNotAnEvent(VariableElement event, Iterable<EventHierarchy> known) {
    String simple = ElementSupport.simpleTypeName(event.asType());
    String hint = "";
    for (EventHierarchy family : known) {
      for (TypeElement candidate : candidates(family)) {
        if (hint.isEmpty() && ElementSupport.editDistance(candidate.getSimpleName().toString(), simple) <= 2) {
          hint = "; did you mean " + candidate.getSimpleName() + " (" + candidate.getQualifiedName() + ")?";
        }
      }
    }
    diagnostics.error(Message.HANDLER_NOT_AN_EVENT, event, event.asType(),
        describe((ExecutableElement) event.getEnclosingElement()), hint);
  }

  private static List<TypeElement> candidates(EventHierarchy family) {
    List<TypeElement> all = new ArrayList<>(family.records());
    all.addAll(family.subInterfaces());
    all.add(family.root());
    return all;
  }

  private static String describe(ExecutableElement m) {
    return m.getSimpleName() + m.getParameters().stream().map(p -> ElementSupport.simpleTypeName(p.asType()))
        .collect(Collectors.joining(", ", "(", ")")) + " in "
        + ((TypeElement) m.getEnclosingElement()).getQualifiedName();
  }

  private Family cover(TypeElement projection, EventHierarchy family, List<OnMethod> handlers) {
    TypeElement root = family.root();
    String rootName = root.getSimpleName().toString();
    HandlerCoverage<OnMethod> coverage = HandlerCoverage.cover(support.types(), family, handlers,
        OnMethod::parameter, new HandlerCoverage.Problems<>() {
          @Override
          public void ambiguous(OnMethod first, OnMethod second, TypeElement record) {
            if (first.rejected() || second.rejected()) {
              return; // the rejected one has its error
            }
            diagnostics.error(Message.AMBIGUOUS_HANDLER, second.method(), describe(first.method()),
                describe(second.method()), record == null ? "every event of family " + root.getQualifiedName()
                    : "event " + record.getQualifiedName(), rootName);
          }

          @Override
          public void missing(TypeElement record) {
            diagnostics.error(Message.MISSING_HANDLER, projection, projection.getQualifiedName(),
                record.getQualifiedName(), root.getQualifiedName(), "void on(" + record.getSimpleName()
                    + " event)", projection.getQualifiedName(), "void on(" + rootName + " event)");
          }
        });
    List<Dispatch> dispatch = new ArrayList<>();
    for (HandlerCoverage.Choice<OnMethod> c : coverage.choices()) {
      dispatch.add(new Dispatch(ClassName.get(c.record()), c.handler() == null ? null : handler(c.handler())));
    }
    List<String> storedNames = new ArrayList<>(storedNames(family).keySet());
    boolean former = !FormerVersionReader.listed(support, root).isEmpty();
    ClassName codec = ClassName.bestGuess(GeneratedNames.codecName(support.binaryName(root)));
    return new Family(ClassName.get(root), codec, storedNames, dispatch,
        coverage.catchAll() == null ? null : handler(coverage.catchAll()), former);
  }

  private static Handler handler(OnMethod m) {
    return new Handler(TypeName.get(m.parameter().asType()), m.envelope());
  }

  /** Which record of which family a stored type name decodes to. */
  private record StoredBy(TypeElement record, TypeElement root) {}

  /** Stored names must pick one family: the binding dispatches by them. A clash inside a family is its own. */
  private void checkStoredNames(TypeElement projection, EventHierarchy family, ExecutableElement firstHandler,
      Map<String, StoredBy> storedBy) {
    TypeElement root = family.root();
    for (Map.Entry<String, TypeElement> name : storedNames(family).entrySet()) {
      StoredBy previous = storedBy.putIfAbsent(name.getKey(), new StoredBy(name.getValue(), root));
      if (previous != null && !previous.root().equals(root)) {
        diagnostics.error(Message.PROJECTION_TYPE_NAME_CLASH, firstHandler, name.getKey(),
            previous.record().getQualifiedName(), previous.root().getQualifiedName(),
            name.getValue().getQualifiedName(), root.getQualifiedName(), projection.getQualifiedName());
      }
    }
  }

  /**
   * Every stored name of a family, with the record it decodes into: type names and aliases in permits order,
   * then the stored names of former versions.
   */
  private Map<String, TypeElement> storedNames(EventHierarchy family) {
    Map<String, TypeElement> names = new LinkedHashMap<>();
    for (TypeElement record : family.records()) {
      TypeNames.of(support, record).all().forEach(n -> names.putIfAbsent(n, record));
    }
    for (TypeElement record : FormerVersionReader.listed(support, family.root())) {
      FormerVersionReader.storedName(support, record).ifPresent(n -> names.putIfAbsent(n, record));
    }
    return names;
  }
}

package org.eventcore.processor.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.diagnostics.Message;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * The event records of a sealed family, found by walking the permitted subtypes in declaration order
 * ({@link ElementSupport#permittedSubtypes}, never javac's completion order) and
 * flattening nested sealed sub-interfaces recursively (a record reachable twice counts once, at its first place).
 * Shape problems are reported when a {@link Diagnostics} is given.
 */
public final class EventHierarchy {
  private final TypeElement root;
  private final List<TypeElement> records;
  private final List<TypeElement> subInterfaces;

  private EventHierarchy(TypeElement root, List<TypeElement> records, List<TypeElement> subInterfaces) {
    this.root = root;
    this.records = List.copyOf(records);
    this.subInterfaces = List.copyOf(subInterfaces);
  }

  /**
   * Walks the hierarchy under {@code root}.
   *
   * @param diagnostics where to report shape problems, or null to stay silent (a command reading a family that
   *     reports its own problems)
   */
  public static EventHierarchy scan(ElementSupport support, TypeElement root, Diagnostics diagnostics) {
    Map<String, TypeElement> records = new LinkedHashMap<>();
    List<TypeElement> subInterfaces = new ArrayList<>();
    walk(support, root, root, records, subInterfaces, new HashSet<>(), diagnostics);
    return new EventHierarchy(root, new ArrayList<>(records.values()), subInterfaces);
  }

  private static int walk(ElementSupport support, TypeElement root, TypeElement type,
      Map<String, TypeElement> records, List<TypeElement> subInterfaces, Set<String> visited,
      Diagnostics diagnostics) {
    int found = 0;
    for (TypeElement sub : support.permittedSubtypes(type)) {
      String name = sub.getQualifiedName().toString();
      if (sub.getKind() == ElementKind.RECORD) {
        records.putIfAbsent(name, sub);
        found++;
      } else if (sub.getModifiers().contains(Modifier.NON_SEALED)) {
        report(diagnostics, Message.EVENT_HIERARCHY_OPEN, sub, name, root.getSimpleName());
        found++; // reported; not also "empty"
      } else if (sub.getKind() == ElementKind.INTERFACE && sub.getModifiers().contains(Modifier.SEALED)) {
        if (!visited.add(name)) {
          found++;
          continue;
        }
        subInterfaces.add(sub);
        if (!sub.getTypeParameters().isEmpty()) {
          report(diagnostics, Message.GENERIC_EVENT_UNSUPPORTED, sub, name, sub.getTypeParameters());
        }
        // never 0: Java requires a sealed type to permit a subtype, and each leaf is counted
        found += walk(support, root, sub, records, subInterfaces, visited, diagnostics);
      } else {
        report(diagnostics, Message.EVENT_NOT_RECORD, sub, name, type.getQualifiedName(), sub.getSimpleName(),
            type.getSimpleName());
        found++;
      }
    }
    return found;
  }

  private static void report(Diagnostics diagnostics, Message message, TypeElement on, Object... args) {
    if (diagnostics != null) {
      diagnostics.error(message, on, args);
    }
  }

  /** The family root. */
  public TypeElement root() {
    return root;
  }

  /** The event records in flattened permits order. */
  public List<TypeElement> records() {
    return records;
  }

  /** The sealed sub-interfaces between the root and the records. */
  public List<TypeElement> subInterfaces() {
    return subInterfaces;
  }

  /** Whether the type is the root, a sealed sub-interface or a record of this family. */
  public boolean contains(TypeElement type) {
    return type.equals(root) || subInterfaces.contains(type) || records.contains(type);
  }

  /**
   * The {@code @Events} root of the family a type belongs to: itself when annotated, else the first annotated
   * interface among its supertypes (breadth first).
   */
  public static Optional<TypeElement> familyRootOf(TypeElement type) {
    Deque<TypeElement> queue = new ArrayDeque<>();
    Set<TypeElement> seen = new HashSet<>();
    queue.add(type);
    while (!queue.isEmpty()) {
      TypeElement t = queue.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (t.getKind() == ElementKind.INTERFACE && ElementSupport.annotation(t, RuntimeTypes.EVENTS).isPresent()) {
        return Optional.of(t);
      }
      for (TypeMirror i : t.getInterfaces()) {
        if (i.getKind() == TypeKind.DECLARED) {
          queue.add((TypeElement) ((DeclaredType) i).asElement());
        }
      }
    }
    return Optional.empty();
  }
}

package org.eventcore.processor.diagnostics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * The one reporter of the processor. Diagnostics for the annotated type being processed are buffered, so that a
 * type deferred to a later round reports nothing now, and printed by {@link #flush()}. A message printed once
 * for an element is never printed again (a state type shared by several commands, a record shared by several
 * families).
 */
public final class Diagnostics {
  private record Pending(Message message, String text, Element element, AnnotationMirror mirror,
      AnnotationValue value) {}

  private final Messager messager;
  private final List<Pending> pending = new ArrayList<>();
  private final Set<String> printed = new HashSet<>();

  public Diagnostics(Messager messager) {
    this.messager = messager;
  }

  /** Reports an error on an element. */
  public void error(Message message, Element element, Object... args) {
    pending.add(new Pending(message, message.format(args), element, null, null));
  }

  /** Reports an error on an annotation value of an element, so that the caret points at the attribute. */
  public void error(Message message, Element element, AnnotationMirror mirror, AnnotationValue value,
      Object... args) {
    pending.add(new Pending(message, message.format(args), element, mirror, value));
  }

  /** Number of errors buffered for the current annotated type. */
  public int errorCount() {
    return pending.size();
  }

  /** Prints the buffered errors (each at most once per element) and clears the buffer. */
  public void flush() {
    for (Pending p : pending) {
      if (!printed.add(System.identityHashCode(p.element()) + "|" + p.element() + "|" + p.text())) {
        continue;
      }
      Element target = locatable(p.element());
      if (target != p.element()) {
        // javac gives record components no source position; their field sits at the same place
        messager.printMessage(Diagnostic.Kind.ERROR, p.text(), target);
      } else if (p.value() != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, p.text(), p.element(), p.mirror(), p.value());
      } else if (p.mirror() != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, p.text(), p.element(), p.mirror());
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, p.text(), p.element());
      }
    }
    pending.clear();
  }

  private static Element locatable(Element element) {
    if (element.getKind() != ElementKind.RECORD_COMPONENT) {
      return element;
    }
    for (VariableElement field : ElementFilter.fieldsIn(element.getEnclosingElement().getEnclosedElements())) {
      if (field.getSimpleName().contentEquals(element.getSimpleName())) {
        return field;
      }
    }
    return element;
  }

  /** Drops the buffered errors: the type is deferred and will be read again. */
  public void discard() {
    pending.clear();
  }
}

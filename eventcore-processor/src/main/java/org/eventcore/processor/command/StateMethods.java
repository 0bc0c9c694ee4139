package org.eventcore.processor.command;

import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.diagnostics.Message;
import org.eventcore.processor.model.CommandModel.InitialState;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * Reads the methods of a command around its state, for {@link CommandReader}: where the initial state comes from
 * ({@code initialState()}, a static {@code initial()} on the state, or its no-argument constructor) and whether
 * {@code discoverStreams(S)} is declared. Problems are reported on the offending method.
 */
final class StateMethods {
  private final ElementSupport support;
  private final Diagnostics diagnostics;

  StateMethods(ElementSupport support, Diagnostics diagnostics) {
    this.support = support;
    this.diagnostics = diagnostics;
  }

  private static boolean callable(ExecutableElement m, boolean publicOnly) {
    return !m.getModifiers().contains(Modifier.PRIVATE) && (!publicOnly || m.getModifiers().contains(Modifier.PUBLIC));
  }

  InitialState readInitialState(TypeElement command, List<ExecutableElement> methods, TypeMirror state,
      TypeElement stateElement, boolean publicOnly) {
    String stateName = stateElement.getSimpleName().toString();
    List<ExecutableElement> own = ElementSupport.methodsNamed(methods, "initialState");
    if (!own.isEmpty()) {
      ExecutableElement m = own.get(0);
      if (m.getModifiers().contains(Modifier.STATIC) || m.getModifiers().contains(Modifier.PRIVATE)
          || !m.getParameters().isEmpty() || !support.types().isSameType(m.getReturnType(), state)
          || support.checkedThrows(m).isPresent()) {
        diagnostics.error(Message.INITIAL_STATE_SIGNATURE, m, "initialState()",
            "a non-static, non-private method of the command without parameters or checked exceptions", stateName,
            ElementSupport.signature(m));
      }
      return InitialState.COMMAND_METHOD;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(stateElement.getEnclosedElements())) {
      if (m.getSimpleName().contentEquals("initial") && m.getModifiers().contains(Modifier.STATIC)
          && m.getParameters().isEmpty() && callable(m, publicOnly) && support.checkedThrows(m).isEmpty()
          && support.types().isSameType(m.getReturnType(), state)) {
        return InitialState.STATE_FACTORY;
      }
    }
    boolean concrete = (stateElement.getKind() == ElementKind.CLASS || stateElement.getKind() == ElementKind.RECORD)
        && !stateElement.getModifiers().contains(Modifier.ABSTRACT);
    if (concrete) {
      for (ExecutableElement c : ElementFilter.constructorsIn(stateElement.getEnclosedElements())) {
        if (c.getParameters().isEmpty() && callable(c, publicOnly) && support.checkedThrows(c).isEmpty()) {
          return InitialState.CONSTRUCTOR;
        }
      }
    }
    diagnostics.error(Message.NO_INITIAL_STATE, command, command.getQualifiedName(), stateName, stateName,
        stateName, stateElement.getQualifiedName(), stateElement.getQualifiedName());
    return null;
  }

  /** Whether {@code discoverStreams(S)} is declared; every malformed overload is reported on itself. */
  boolean readDiscoverStreams(TypeElement command, List<ExecutableElement> methods, TypeMirror state) {
    boolean valid = false;
    for (ExecutableElement m : ElementSupport.methodsNamed(methods, "discoverStreams")) {
      if (validDiscoverStreams(m, state)) {
        valid = true;
      } else {
        diagnostics.error(Message.DISCOVER_STREAMS_SIGNATURE, m, command.getQualifiedName(),
            ElementSupport.simpleTypeName(state), ElementSupport.signature(m));
      }
    }
    return valid;
  }

  private boolean validDiscoverStreams(ExecutableElement m, TypeMirror state) {
    TypeMirror returns = m.getReturnType();
    boolean returnsStreams = returns.getKind() == TypeKind.DECLARED
        && CommandReader.STREAM_COLLECTIONS.contains(
            ((TypeElement) ((DeclaredType) returns).asElement()).getQualifiedName().toString())
        && ((DeclaredType) returns).getTypeArguments().size() == 1
        && support.isClass(((DeclaredType) returns).getTypeArguments().get(0),
            RuntimeTypes.STREAM_ID.canonicalName());
    return !m.getModifiers().contains(Modifier.STATIC) && !m.getModifiers().contains(Modifier.PRIVATE)
        && m.getParameters().size() == 1 && support.types().isSameType(m.getParameters().get(0).asType(), state)
        && returnsStreams && support.checkedThrows(m).isEmpty();
  }
}

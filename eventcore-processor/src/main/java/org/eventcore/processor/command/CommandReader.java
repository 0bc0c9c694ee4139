package org.eventcore.processor.command;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.processor.diagnostics.Diagnostics;
import org.eventcore.processor.diagnostics.Message;
import org.eventcore.processor.events.EventHierarchy;
import org.eventcore.processor.events.HandlerCoverage;
import org.eventcore.processor.model.CommandModel;
import org.eventcore.processor.model.CommandModel.Dispatch;
import org.eventcore.processor.model.CommandModel.Handler;
import org.eventcore.processor.model.CommandModel.InitialState;
import org.eventcore.processor.model.CommandModel.StreamComponent;
import org.eventcore.processor.util.ElementSupport;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * Reads a {@code @Command} record into a {@link CommandModel}, reporting every problem on the offending element:
 * stream components, the {@code handle} method (which fixes the state type S and the event family), the initial
 * state and {@code discoverStreams} (through {@link StateMethods}), the apply methods (on the command and on S)
 * and their coverage of the family.
 */
public final class CommandReader {
  static final Set<String> STREAM_COLLECTIONS = Set.of(RuntimeTypes.LIST.canonicalName(),
      RuntimeTypes.SET.canonicalName(), RuntimeTypes.COLLECTION.canonicalName());

  private final ElementSupport support;
  private final Diagnostics diagnostics;
  private final StateMethods stateMethods;

  public CommandReader(ElementSupport support, Diagnostics diagnostics) {
    this.support = support;
    this.diagnostics = diagnostics;
    this.stateMethods = new StateMethods(support, diagnostics);
  }

  /**
   * An apply method and the event type it takes. A rejected one (its signature was reported) still counts as
   * covering its event type, so that one mistake gives one error, not also a MissingApply per covered event.
   */
  private record ApplyMethod(ExecutableElement method, boolean onCommand, TypeElement parameter,
      boolean rejected) {}

  /** The model, or null when something was reported. */
  public CommandModel read(TypeElement command) {
    String name = command.getQualifiedName().toString();
    if (command.getKind() != ElementKind.RECORD) {
      diagnostics.error(Message.COMMAND_NOT_RECORD, command, name, ElementSupport.describeKind(command.getKind()),
          command.getSimpleName());
      return null;
    }
    if (!command.getTypeParameters().isEmpty()) {
      diagnostics.error(Message.GENERIC_COMMAND_UNSUPPORTED, command, name, command.getTypeParameters());
      return null;
    }
    String pkg = support.packageName(command);
    if (!support.isAccessibleFrom(command, pkg)) {
      diagnostics.error(Message.COMMAND_NOT_ACCESSIBLE, command, name, pkg);
    }
    List<ExecutableElement> methods = ElementFilter.methodsIn(command.getEnclosedElements());
    for (ExecutableElement m : methods) {
      ElementSupport.requireResolved(m.getReturnType());
      m.getParameters().forEach(p -> ElementSupport.requireResolved(p.asType()));
    }
    List<StreamComponent> streams = readStreams(command);

    List<ExecutableElement> handles = ElementSupport.methodsNamed(methods, "handle");
    if (handles.isEmpty()) {
      diagnostics.error(Message.MISSING_HANDLE, command, name);
      return null;
    }
    for (ExecutableElement extra : handles.subList(1, handles.size())) {
      diagnostics.error(Message.HANDLE_SIGNATURE, extra, name, ElementSupport.signature(extra),
          "a command declares exactly one handle method");
    }
    ExecutableElement handle = handles.get(0);
    TypeMirror state = readHandleState(command, handle);
    TypeElement root = readHandleFamily(command, handle);
    if (state == null || root == null) {
      return null;
    }
    TypeElement stateElement = (TypeElement) ((DeclaredType) state).asElement();
    if (!support.isAccessibleFrom(stateElement, pkg)) {
      diagnostics.error(Message.COMMAND_NOT_ACCESSIBLE, stateElement, stateElement.getQualifiedName(), pkg);
      return null;
    }
    var auxiliary = support.auxiliarySource(stateElement);
    if (auxiliary.isPresent()) {
      TypeElement top = ElementSupport.topLevel(stateElement);
      diagnostics.error(Message.AUXILIARY_TYPE, command, "state type " + stateElement.getQualifiedName(),
          auxiliary.get(), "command binding", top.getSimpleName(), top.getSimpleName());
      return null;
    }
    boolean statePublicOnly = !support.packageName(stateElement).equals(pkg);

    InitialState initial = stateMethods.readInitialState(command, methods, state, stateElement, statePublicOnly);
    EventHierarchy family = EventHierarchy.scan(support, root, null);
    List<ApplyMethod> applies = readApplies(command, methods, state, stateElement, family, statePublicOnly);
    List<Dispatch> dispatch = new ArrayList<>();
    Handler catchAll = cover(command, state, stateElement, family, applies, dispatch);
    boolean discover = stateMethods.readDiscoverStreams(command, methods, state);

    if (diagnostics.errorCount() > 0) {
      return null;
    }
    ClassName codec = ClassName.bestGuess(GeneratedNames.codecName(support.binaryName(root)));
    ClassName binding = ClassName.bestGuess(GeneratedNames.commandBindingName(support.binaryName(command)));
    List<String> foldInputs = discover ? null : foldInputs(command, methods, initial, applies, streams);
    return new CommandModel(ClassName.get(command), binding, TypeName.get(state), ClassName.get(root), codec,
        streams, initial, dispatch, catchAll, discover, stateCodec(stateElement),
        foldInputs);
  }

  /**
   * The stream components the part of the fold written on the command reads ({@link FoldInputs}), or null when
   * no part is on the command or the proof fails.
   */
  private List<String> foldInputs(TypeElement command, List<ExecutableElement> methods, InitialState initial,
      List<ApplyMethod> applies, List<StreamComponent> streams) {
    List<ExecutableElement> fold = new ArrayList<>();
    if (initial == InitialState.COMMAND_METHOD) {
      fold.addAll(ElementSupport.methodsNamed(methods, "initialState"));
    }
    applies.stream().filter(ApplyMethod::onCommand).map(ApplyMethod::method).forEach(fold::add);
    if (fold.isEmpty()) {
      return null;
    }
    return new FoldInputs(support.trees(), support.elements()).read(command, fold, streams);
  }


  /**
   * The state codec {@code @Snapshot} makes the processor generate (when it cannot, the error is reported on the
   * state, and javac reports nothing about the binding's reference to it), or null.
   */
  private ClassName stateCodec(TypeElement state) {
    if (ElementSupport.annotation(state, RuntimeTypes.SNAPSHOT).isEmpty() || state.getKind() != ElementKind.RECORD
        || !state.getTypeParameters().isEmpty()) {
      return null;
    }
    String codec = GeneratedNames.stateCodecName(support.binaryName(state));
    if (!support.isCompiledHere(state) && support.elements().getTypeElement(codec) == null) {
      return null; // a state from a library built without the processor: no codec to refer to, no snapshots
    }
    return ClassName.bestGuess(codec);
  }

  private List<StreamComponent> readStreams(TypeElement command) {
    List<StreamComponent> streams = new ArrayList<>();
    String name = command.getQualifiedName().toString();
    boolean any = false;
    for (RecordComponentElement c : command.getRecordComponents()) {
      if (ElementSupport.annotation(c, RuntimeTypes.STREAM).isEmpty()) {
        continue;
      }
      any = true;
      TypeMirror type = c.asType();
      ElementSupport.requireResolved(type);
      boolean scalar = support.isClass(type, RuntimeTypes.STREAM_ID.canonicalName());
      boolean collection = !scalar && type.getKind() == TypeKind.DECLARED
          && STREAM_COLLECTIONS.contains(
              ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString())
          && ((DeclaredType) type).getTypeArguments().size() == 1
          && support.isClass(((DeclaredType) type).getTypeArguments().get(0), RuntimeTypes.STREAM_ID.canonicalName());
      if (!scalar && !collection) {
        diagnostics.error(Message.STREAM_ID_TYPE, c, c.getSimpleName(), name, type,
            "command stream components must be StreamId, or a List, Set or Collection of StreamId");
        continue;
      }
      if (ElementSupport.isNullable(c)) {
        diagnostics.error(Message.NULLABLE_STREAM_ID, c, c.getSimpleName(), name);
        continue;
      }
      streams.add(new StreamComponent(c.getSimpleName().toString(), TypeName.get(type), collection));
    }
    if (!any) {
      diagnostics.error(Message.NO_STREAM_ID, command, name);
    }
    return streams;
  }

  private TypeMirror readHandleState(TypeElement command, ExecutableElement handle) {
    List<String> problems = new ArrayList<>();
    if (handle.getModifiers().contains(Modifier.STATIC)) {
      problems.add("it is static");
    }
    if (handle.getModifiers().contains(Modifier.PRIVATE)) {
      problems.add("it is private");
    }
    if (handle.getParameters().size() != 1) {
      problems.add("it takes " + handle.getParameters().size() + " parameters");
    } else if (handle.getParameters().get(0).asType().getKind() != TypeKind.DECLARED) {
      problems.add("the state parameter must be a class, record or interface type");
    }
    support.checkedThrows(handle).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      diagnostics.error(Message.HANDLE_SIGNATURE, handle, command.getQualifiedName(),
          ElementSupport.signature(handle), String.join(", ", problems));
      return null;
    }
    return handle.getParameters().get(0).asType();
  }

  private TypeElement readHandleFamily(TypeElement command, ExecutableElement handle) {
    TypeMirror returns = handle.getReturnType();
    String problem;
    if (!support.isClass(returns, RuntimeTypes.LIST.canonicalName())) {
      problem = "not a List";
    } else if (((DeclaredType) returns).getTypeArguments().size() != 1) {
      problem = "a raw List";
    } else {
      TypeMirror element = ((DeclaredType) returns).getTypeArguments().get(0);
      if (element.getKind() == TypeKind.WILDCARD) {
        element = ((WildcardType) element).getExtendsBound();
      }
      if (element == null || element.getKind() != TypeKind.DECLARED) {
        problem = "the element type is not an event type";
      } else {
        Optional<TypeElement> root = EventHierarchy.familyRootOf((TypeElement) ((DeclaredType) element).asElement());
        if (root.isPresent()) {
          return root.get();
        }
        problem = ElementSupport.simpleTypeName(element) + " is not annotated @Events nor part of an @Events family";
      }
    }
    diagnostics.error(Message.HANDLE_RETURN_TYPE, handle, command.getQualifiedName(),
        ElementSupport.simpleTypeName(returns), problem);
    return null;
  }




  private List<ApplyMethod> readApplies(TypeElement command, List<ExecutableElement> methods, TypeMirror state,
      TypeElement stateElement, EventHierarchy family, boolean statePublicOnly) {
    List<ApplyMethod> applies = new ArrayList<>();
    String stateName = ElementSupport.simpleTypeName(state);
    for (ExecutableElement m : ElementSupport.methodsNamed(methods, "apply")) {
      List<String> problems = signatureProblems(m, 2, state, false);
      if (m.getParameters().size() == 2 && !support.types().isSameType(m.getParameters().get(0).asType(), state)) {
        problems.add("its first parameter is not the state type " + stateName);
      }
      if (!problems.isEmpty()) {
        diagnostics.error(Message.APPLY_SIGNATURE, m, "on command " + command.getQualifiedName(),
            "take (" + stateName + " state, E event) and return " + stateName, ElementSupport.signature(m),
            String.join(", ", problems));
        declaredEvent(m, family).ifPresent(t -> applies.add(new ApplyMethod(m, true, t, true)));
        continue;
      }
      eventParameter(m.getParameters().get(1), m, family)
          .ifPresent(t -> applies.add(new ApplyMethod(m, true, t, false)));
    }
    if (!stateElement.equals(command)) {
      for (ExecutableElement m : ElementFilter.methodsIn(stateElement.getEnclosedElements())) {
        if (!m.getSimpleName().contentEquals("apply")) {
          continue;
        }
        List<String> problems = signatureProblems(m, 1, state, statePublicOnly);
        if (!problems.isEmpty()) {
          diagnostics.error(Message.APPLY_SIGNATURE, m, "on state type " + stateElement.getQualifiedName(),
              "take one event parameter and return " + stateName, ElementSupport.signature(m),
              String.join(", ", problems));
          declaredEvent(m, family).ifPresent(t -> applies.add(new ApplyMethod(m, false, t, true)));
          continue;
        }
        eventParameter(m.getParameters().get(0), m, family)
            .ifPresent(t -> applies.add(new ApplyMethod(m, false, t, false)));
      }
    }
    return applies;
  }

  private List<String> signatureProblems(ExecutableElement m, int parameters, TypeMirror state,
      boolean publicOnly) {
    List<String> problems = new ArrayList<>();
    if (m.getModifiers().contains(Modifier.STATIC)) {
      problems.add("it is static");
    }
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      problems.add("it is private");
    } else if (publicOnly && !m.getModifiers().contains(Modifier.PUBLIC)) {
      problems.add("it must be public because the state type is in another package than the command");
    }
    if (m.getParameters().size() != parameters) {
      problems.add("it takes " + m.getParameters().size() + " parameters");
    }
    if (!support.types().isSameType(m.getReturnType(), state)) {
      problems.add("it returns " + ElementSupport.simpleTypeName(m.getReturnType()));
    }
    support.checkedThrows(m).ifPresent(problems::add);
    return problems;
  }

  /** The event type a rejected method declares: its last parameter of the family's types, if any. */
  private static Optional<TypeElement> declaredEvent(ExecutableElement m, EventHierarchy family) {
    for (int i = m.getParameters().size() - 1; i >= 0; i--) {
      TypeMirror type = m.getParameters().get(i).asType();
      if (type.getKind() == TypeKind.DECLARED && family.contains((TypeElement) ((DeclaredType) type).asElement())) {
        return Optional.of((TypeElement) ((DeclaredType) type).asElement());
      }
    }
    return Optional.empty();
  }

  private Optional<TypeElement> eventParameter(VariableElement parameter, ExecutableElement method,
      EventHierarchy family) {
    TypeMirror type = parameter.asType();
    if (type.getKind() == TypeKind.DECLARED) {
      TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
      if (family.contains(element)) {
        return Optional.of(element);
      }
    }
    String simple = ElementSupport.simpleTypeName(type);
    String hint = family.records().stream()
        .filter(r -> ElementSupport.editDistance(r.getSimpleName().toString(), simple) <= 2)
        .map(r -> "; did you mean " + r.getSimpleName() + "?").findFirst().orElse("");
    diagnostics.error(Message.APPLY_NOT_AN_EVENT, parameter, type, describe(method),
        family.root().getQualifiedName(), hint);
    return Optional.empty();
  }

  private static String describe(ExecutableElement m) {
    return m.getSimpleName() + m.getParameters().stream().map(p -> ElementSupport.simpleTypeName(p.asType()))
        .collect(Collectors.joining(", ", "(", ")")) + " in "
        + ((TypeElement) m.getEnclosingElement()).getQualifiedName();
  }

  private Handler cover(TypeElement command, TypeMirror state, TypeElement stateElement, EventHierarchy family,
      List<ApplyMethod> applies, List<Dispatch> dispatch) {
    TypeElement root = family.root();
    String stateName = ElementSupport.simpleTypeName(state);
    HandlerCoverage<ApplyMethod> coverage = HandlerCoverage.cover(support.types(), family, applies,
        ApplyMethod::parameter, new HandlerCoverage.Problems<>() {
          @Override
          public void ambiguous(ApplyMethod first, ApplyMethod second, TypeElement record) {
            if (first.rejected() || second.rejected()) {
              return; // the rejected one has its error
            }
            diagnostics.error(Message.AMBIGUOUS_APPLY, second.method(), describe(first.method()),
                describe(second.method()), record == null ? "of every type" : record.getQualifiedName(),
                root.getSimpleName());
          }

          @Override
          public void missing(TypeElement record) {
            String event = record.getSimpleName().toString();
            if (!support.isCompiledHere(stateElement)) {
              diagnostics.error(Message.MISSING_APPLY_ON_COMMAND, command, command.getQualifiedName(),
                  record.getQualifiedName(), root.getQualifiedName(),
                  stateName + " apply(" + stateName + " state, " + event + " event)", command.getQualifiedName(),
                  stateElement.getQualifiedName());
              return;
            }
            diagnostics.error(Message.MISSING_APPLY, command, command.getQualifiedName(), record.getQualifiedName(),
                root.getQualifiedName(), stateName + " apply(" + event + " event)", stateElement.getQualifiedName(),
                stateName + " apply(" + stateName + " state, " + event + " event)", command.getQualifiedName());
          }
        });
    for (HandlerCoverage.Choice<ApplyMethod> c : coverage.choices()) {
      dispatch.add(new Dispatch(ClassName.get(c.record()), c.handler() == null ? null
          : new Handler(c.handler().onCommand(), TypeName.get(c.handler().parameter().asType()))));
    }
    ApplyMethod catchAll = coverage.catchAll();
    return catchAll == null ? null : new Handler(catchAll.onCommand(), ClassName.get(root));
  }



}

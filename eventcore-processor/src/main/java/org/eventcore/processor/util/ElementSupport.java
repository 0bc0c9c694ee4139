package org.eventcore.processor.util;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaFileObject;
import org.eventcore.processor.diagnostics.UnresolvedTypeException;

/** Small questions about elements and types that readers ask, answered through mirrors and names only. */
public final class ElementSupport {

  private final Elements elements;
  private final Types types;
  private final Trees trees;

  public ElementSupport(ProcessingEnvironment env) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.trees = treesOf(env);
  }

  private static Trees treesOf(ProcessingEnvironment env) {
    try {
      return Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError notJavac) {
      return null; // another compiler: permitted subtypes keep the order it reports
    }
  }

  /** The methods of the given name, in declaration order. */
  public static List<ExecutableElement> methodsNamed(List<ExecutableElement> methods, String name) {
    return methods.stream().filter(m -> m.getSimpleName().contentEquals(name)).collect(Collectors.toList());
  }

  /** "it throws checked X, Y" when the method declares checked exceptions. */
  public Optional<String> checkedThrows(ExecutableElement method) {
    List<String> checked = method.getThrownTypes().stream().filter(this::isChecked)
        .map(ElementSupport::simpleTypeName).collect(Collectors.toList());
    return checked.isEmpty() ? Optional.empty()
        : Optional.of("it throws checked " + String.join(", ", checked));
  }

  /**
   * The name of the source file holding the type (or its top-level type) when that file is named after another
   * type: javac calls such a type auxiliary and warns ({@code [auxiliaryclass]}) whenever code in another file,
   * such as generated code, uses it.
   */
  public Optional<String> auxiliarySource(TypeElement type) {
    TypeElement top = type;
    while (top.getEnclosingElement() instanceof TypeElement outer) {
      top = outer;
    }
    TreePath path = trees == null ? null : trees.getPath(top);
    if (path == null) {
      return Optional.empty();
    }
    JavaFileObject file = path.getCompilationUnit().getSourceFile();
    if (file.isNameCompatible(top.getSimpleName().toString(), JavaFileObject.Kind.SOURCE)) {
      return Optional.empty();
    }
    String name = file.getName();
    return Optional.of(name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1));
  }

  /** The top-level type enclosing {@code type}, or itself. */
  public static TypeElement topLevel(TypeElement type) {
    TypeElement top = type;
    while (top.getEnclosingElement() instanceof TypeElement outer) {
      top = outer;
    }
    return top;
  }

  /**
   * Whether the type's source is part of this compilation, so that the user can add methods to it (false for JDK
   * and library types).
   */
  public boolean isCompiledHere(TypeElement type) {
    if (trees != null) {
      return trees.getPath(type) != null;
    }
    String name = type.getQualifiedName().toString();
    return !name.startsWith("java.") && !name.startsWith("javax.");
  }

  /**
   * The permitted direct subtypes of a sealed type, in declaration order. With a {@code permits} clause that is
   * the clause's order. Without one, javac infers the list in the order it happens to complete the subtypes,
   * which depends on which files it reads first; so they are sorted by their position in the source file (they
   * are all in the sealed type's compilation unit). Types read from class files keep the recorded order.
   */
  public List<TypeElement> permittedSubtypes(TypeElement sealed) {
    List<TypeElement> permitted = new ArrayList<>();
    for (TypeMirror m : sealed.getPermittedSubclasses()) {
      requireResolved(m);
      permitted.add((TypeElement) ((DeclaredType) m).asElement());
    }
    if (trees == null || permitted.size() < 2) {
      return permitted;
    }
    TreePath path = trees.getPath(sealed);
    if (path == null || !(path.getLeaf() instanceof ClassTree tree) || !tree.getPermitsClause().isEmpty()) {
      return permitted;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    SourcePositions positions = trees.getSourcePositions();
    Map<TypeElement, Long> start = new HashMap<>();
    for (TypeElement sub : permitted) {
      TreePath subPath = trees.getPath(sub);
      if (subPath == null || subPath.getCompilationUnit() != unit) {
        return permitted;
      }
      start.put(sub, positions.getStartPosition(unit, subPath.getLeaf()));
    }
    permitted.sort(Comparator.comparing(start::get));
    return permitted;
  }

  /** javac's tree API, or empty under another compiler. */
  public Optional<Trees> trees() {
    return Optional.ofNullable(trees);
  }

  public Elements elements() {
    return elements;
  }

  public Types types() {
    return types;
  }

  /** The annotation of the given qualified type name on the element, if present. */
  public static Optional<AnnotationMirror> annotation(Element element, String qualifiedName) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) m.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** Whether the element or its type carries an annotation with the simple name {@code Nullable}. */
  public static boolean isNullable(Element element) {
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      if (m.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable")) {
        return true;
      }
    }
    for (AnnotationMirror m : element.asType().getAnnotationMirrors()) {
      if (m.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable")) {
        return true;
      }
    }
    return false;
  }

  /** The explicitly written value of an annotation member, if any. */
  public static Optional<AnnotationValue> explicitValue(AnnotationMirror mirror, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(member)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** The value of an annotation member, explicit or default. */
  public AnnotationValue value(AnnotationMirror mirror, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(member)) {
        return e.getValue();
      }
    }
    throw new IllegalArgumentException("no member " + member + " in " + mirror);
  }

  /** A string-array annotation value as a list of strings. */
  public static List<String> strings(AnnotationValue value) {
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> list = (List<? extends AnnotationValue>) value.getValue();
    return list.stream().map(v -> (String) v.getValue()).collect(Collectors.toList());
  }

  /** Throws {@link UnresolvedTypeException} when the type, or any type argument in it, is an error type. */
  public static void requireResolved(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      throw new UnresolvedTypeException(type.toString());
    }
    if (type.getKind() == TypeKind.DECLARED) {
      for (TypeMirror arg : ((DeclaredType) type).getTypeArguments()) {
        requireResolved(arg);
      }
    }
  }

  /**
   * Whether code in package {@code fromPackage} can name the type: neither it nor an enclosing type is private,
   * and when the package differs, all of them are public.
   */
  public boolean isAccessibleFrom(TypeElement type, String fromPackage) {
    boolean samePackage = packageName(type).equals(fromPackage);
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!samePackage && !e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  public String packageName(Element element) {
    PackageElement p = elements.getPackageOf(element);
    return p.getQualifiedName().toString();
  }

  /** The binary name ({@code com.acme.Outer$Inner}). */
  public String binaryName(TypeElement type) {
    return elements.getBinaryName(type).toString();
  }

  /** "a class", "an enum", "a record", "an interface", "an annotation type". */
  public static String describeKind(ElementKind kind) {
    switch (kind) {
      case CLASS:
        return "a class";
      case ENUM:
        return "an enum";
      case RECORD:
        return "a record";
      case INTERFACE:
        return "an interface";
      case ANNOTATION_TYPE:
        return "an annotation type";
      default:
        return "a " + kind.toString().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Whether {@code type} is a declared type whose erasure is the class {@code qualifiedName}. */
  public boolean isClass(TypeMirror type, String qualifiedName) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
  }

  /** Whether the type is a checked exception type. */
  public boolean isChecked(TypeMirror thrown) {
    TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    return !types.isAssignable(thrown, runtime) && !types.isAssignable(thrown, error);
  }

  /** The method as written, roughly: {@code static void apply(Foo, int)}. */
  public static String signature(ExecutableElement method) {
    StringBuilder sb = new StringBuilder();
    for (Modifier m : method.getModifiers()) {
      if (m == Modifier.STATIC || m == Modifier.PRIVATE || m == Modifier.PUBLIC || m == Modifier.PROTECTED) {
        sb.append(m).append(' ');
      }
    }
    sb.append(simpleTypeName(method.getReturnType())).append(' ').append(method.getSimpleName()).append('(');
    sb.append(method.getParameters().stream().map(p -> simpleTypeName(p.asType()))
        .collect(Collectors.joining(", ")));
    sb.append(')');
    if (!method.getThrownTypes().isEmpty()) {
      sb.append(" throws ").append(method.getThrownTypes().stream().map(ElementSupport::simpleTypeName)
          .collect(Collectors.joining(", ")));
    }
    return sb.toString();
  }

  /** A type as a user would write it with imports: simple names, type arguments kept. */
  public static String simpleTypeName(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      DeclaredType d = (DeclaredType) type;
      String name = d.asElement().getSimpleName().toString();
      if (d.getTypeArguments().isEmpty()) {
        return name;
      }
      return name + d.getTypeArguments().stream().map(ElementSupport::simpleTypeName)
          .collect(Collectors.joining(", ", "<", ">"));
    }
    if (type.getKind() == TypeKind.WILDCARD) {
      javax.lang.model.type.WildcardType w = (javax.lang.model.type.WildcardType) type;
      if (w.getExtendsBound() != null) {
        return "? extends " + simpleTypeName(w.getExtendsBound());
      }
      if (w.getSuperBound() != null) {
        return "? super " + simpleTypeName(w.getSuperBound());
      }
      return "?";
    }
    return type.toString();
  }

  /** Levenshtein distance, for "did you mean" hints. */
  public static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}

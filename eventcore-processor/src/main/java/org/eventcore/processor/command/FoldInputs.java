package org.eventcore.processor.command;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import org.eventcore.processor.model.CommandModel.StreamComponent;

/**
 * Decides, for {@link CommandReader}, whether a fold written on the command (its {@code initialState()} and
 * {@code apply} methods) reads nothing of the command but single {@code StreamId} {@code @Stream} components, and
 * which of them: the executor may then cache the state under the command type, its streams and those values.
 *
 * <p>The proof is syntactic, on the method bodies as javac parsed them (bodies are not attributed while
 * processors run, so names are resolved by the record's own rules: inside a record body an unqualified name that
 * is a component's is that component, unless a local of the same name shadows it). It is conservative: any of
 * the following makes the answer "not provable", and the state is not cached:
 * <ul>
 *   <li>a name of a component that is not a single-{@code StreamId} {@code @Stream} component (shadowed or not);</li>
 *   <li>an unqualified call of an instance method of the command (its own, {@code Record}'s, {@code Object}'s or
 *       an interface's), other than the accessor of such a stream component without arguments;</li>
 *   <li>{@code this} other than in {@code this.c} or {@code this.c()} for such a component, {@code super}, or a
 *       qualified {@code X.this};</li>
 *   <li>a local or anonymous class in the body;</li>
 *   <li>an explicit accessor of a component read whose body is not {@code return c;} or {@code return this.c;}
 *       (the executor takes the value through the accessor, the fold might read the field);</li>
 *   <li>no trees (another compiler) or no body.</li>
 * </ul>
 * A shadowing local named like a stream component only makes that component count as read: the key then holds a
 * value the fold does not need, which is safe.
 */
final class FoldInputs {
  private final Trees trees;
  private final Elements elements;

  FoldInputs(Optional<Trees> trees, Elements elements) {
    this.trees = trees.orElse(null);
    this.elements = elements;
  }

  /**
   * The names of the stream components the fold reads, in declaration order, or null when the fold may read
   * anything else of the command.
   */
  List<String> read(TypeElement command, List<ExecutableElement> fold, List<StreamComponent> streams) {
    if (trees == null) {
      return null;
    }
    Set<String> singles = new HashSet<>();
    for (StreamComponent s : streams) {
      if (!s.collection()) {
        singles.add(s.name());
      }
    }
    Set<String> components = new HashSet<>();
    for (RecordComponentElement c : command.getRecordComponents()) {
      components.add(c.getSimpleName().toString());
    }
    Set<String> instanceMethods = new HashSet<>();
    for (Element e : elements.getAllMembers(command)) {
      if (e.getKind() == ElementKind.METHOD && !e.getModifiers().contains(Modifier.STATIC)) {
        instanceMethods.add(e.getSimpleName().toString());
      }
    }
    Scanner scanner = new Scanner(components, singles, instanceMethods);
    for (ExecutableElement m : fold) {
      Tree tree = trees.getTree(m);
      if (!(tree instanceof MethodTree method) || method.getBody() == null) {
        return null;
      }
      method.getBody().accept(scanner, null);
      if (scanner.unprovable) {
        return null;
      }
    }
    Tree commandTree = trees.getTree(command);
    if (!(commandTree instanceof ClassTree classTree)) {
      return null;
    }
    for (String name : scanner.read) {
      if (!trivialAccessor(classTree, name)) {
        return null;
      }
    }
    List<String> inputs = new ArrayList<>();
    for (StreamComponent s : streams) {
      if (scanner.read.contains(s.name())) {
        inputs.add(s.name());
      }
    }
    return inputs;
  }

  /** Whether the accessor of {@code name} is implicit, or explicitly returns the field and does nothing else. */
  private static boolean trivialAccessor(ClassTree command, String name) {
    for (Tree member : command.getMembers()) {
      if (!(member instanceof MethodTree m) || !m.getName().contentEquals(name) || !m.getParameters().isEmpty()) {
        continue;
      }
      BlockTree body = m.getBody();
      if (body == null) {
        // javac enters the implicit accessor as a member without a body (it writes the body later)
        return !m.getModifiers().getFlags().contains(Modifier.NATIVE);
      }
      if (body.getStatements().size() != 1) {
        return false;
      }
      StatementTree only = body.getStatements().get(0);
      return only instanceof ReturnTree r && isField(r.getExpression(), name);
    }
    return true;
  }

  private static boolean isField(ExpressionTree e, String name) {
    if (e instanceof IdentifierTree id) {
      return id.getName().contentEquals(name);
    }
    return e instanceof MemberSelectTree s && s.getIdentifier().contentEquals(name) && isThis(s.getExpression());
  }

  private static boolean isThis(ExpressionTree e) {
    return e instanceof IdentifierTree id && id.getName().contentEquals("this");
  }

  /** Walks a body; sets {@link #unprovable} at the first construct the proof does not accept. */
  private static final class Scanner extends TreeScanner<Void, Void> {
    private final Set<String> components;
    private final Set<String> singles;
    private final Set<String> instanceMethods;
    final Set<String> read = new HashSet<>();
    boolean unprovable;

    Scanner(Set<String> components, Set<String> singles, Set<String> instanceMethods) {
      this.components = components;
      this.singles = singles;
      this.instanceMethods = instanceMethods;
    }

    /** A component read as a field or through its accessor. */
    private void component(String name) {
      if (singles.contains(name)) {
        read.add(name);
      } else {
        unprovable = true;
      }
    }

    /** An unqualified (or {@code this.}) call of {@code name} with {@code arguments} arguments. */
    private void call(String name, int arguments) {
      if (!instanceMethods.contains(name)) {
        return; // a static method: it cannot reach the command without this
      }
      if (arguments == 0 && components.contains(name)) {
        component(name);
      } else {
        unprovable = true;
      }
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void unused) {
      String name = node.getName().toString();
      if (name.equals("this") || name.equals("super")) {
        unprovable = true;
      } else if (components.contains(name)) {
        component(name);
      }
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree node, Void unused) {
      String name = node.getIdentifier().toString();
      if (name.equals("this") || name.equals("super")) {
        unprovable = true; // Outer.this, Outer.super
        return null;
      }
      if (isThis(node.getExpression())) {
        if (components.contains(name)) {
          component(name);
        } else {
          unprovable = true; // this.staticField, this.method as a value: not worth proving
        }
        return null;
      }
      return super.visitMemberSelect(node, unused);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
      ExpressionTree select = node.getMethodSelect();
      int arguments = node.getArguments().size();
      if (select instanceof IdentifierTree id) {
        String name = id.getName().toString();
        if (name.equals("this") || name.equals("super")) {
          unprovable = true; // constructor calls: not in a fold
        } else {
          call(name, arguments);
        }
      } else if (select instanceof MemberSelectTree s && isThis(s.getExpression())) {
        call(s.getIdentifier().toString(), arguments);
      } else {
        scan(select, null);
      }
      scan(node.getTypeArguments(), null);
      scan(node.getArguments(), null);
      return null;
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      unprovable = true; // a local class: its members would need the same proof
      return null;
    }

    @Override
    public Void visitNewClass(NewClassTree node, Void unused) {
      if (node.getClassBody() != null) {
        unprovable = true; // an anonymous class
        return null;
      }
      return super.visitNewClass(node, unused);
    }
  }
}

package io.securitycoach.codestyle;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.nodeTypes.NodeWithSimpleName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rule "no method over 50 lines", checked over every module's {@code src/main/java}: each
 * method, constructor and initializer block, from its first annotation or modifier to its closing
 * brace (Javadoc not counted). A failure names every offender with its file, line and length,
 * longest first. Alone: {@code ./mvnw -B -o -q test -pl rules -Dtest=MethodLengthTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MethodLengthTest {
    static final int MAX_LINES = 50;

    @Test
    void noMainMethodIsLongerThanFiftyLines() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Method method : mainMethods()) {
            if (method.lines > MAX_LINES) {
                offenders.add(method.toString());
            }
        }
        assertThat(offenders).as("methods over %d lines (split them)", MAX_LINES).isEmpty();
    }

    @Test
    void theScanSeesEveryModule() throws IOException {
        List<Method> methods = mainMethods();
        assertThat(methods).hasSizeGreaterThan(1000);
        assertThat(methods.stream().map(m -> m.file.subpath(0, 1).toString()).distinct())
                .contains("rules", "operators", "jobs", "savepoints", "bench");
    }

    /** Every callable in every main source file of the build, longest first. */
    static List<Method> mainMethods() throws IOException {
        Path root = repositoryRoot();
        JavaParser parser =
                new JavaParser(
                        new ParserConfiguration()
                                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        List<Method> methods = new ArrayList<>();
        for (Path file : mainSources(root)) {
            ParseResult<CompilationUnit> result = parser.parse(file);
            assertThat(result.getProblems()).as("parse problems in %s", file).isEmpty();
            CompilationUnit unit = result.getResult().orElseThrow();
            Path relative = root.relativize(file);
            for (CallableDeclaration<?> callable : unit.findAll(CallableDeclaration.class)) {
                methods.add(
                        new Method(
                                relative,
                                owner(callable) + "." + callable.getNameAsString(),
                                callable));
            }
            for (InitializerDeclaration block : unit.findAll(InitializerDeclaration.class)) {
                methods.add(
                        new Method(
                                relative,
                                owner(block) + (block.isStatic() ? ".<clinit>" : ".<init>"),
                                block));
            }
        }
        methods.sort(
                Comparator.comparingInt((Method m) -> m.lines)
                        .reversed()
                        .thenComparing(Method::toString));
        return methods;
    }

    private static List<Path> mainSources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/"))
                    .filter(
                            f ->
                                    !root.relativize(f)
                                            .toString()
                                            .matches("(.*/)?(target|node_modules|\\.git)/.*"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static String owner(Node node) {
        return node.findAncestor(TypeDeclaration.class)
                .map(NodeWithSimpleName::getNameAsString)
                .orElse("?");
    }

    /** The folder that holds mvnw: surefire runs each module's tests from the module's folder. */
    private static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a parent folder with mvnw").isNotNull();
        return dir;
    }

    static final class Method {
        final Path file;
        final String name;
        final int line;
        final int lines;

        Method(Path file, String name, Node node) {
            this.file = file;
            this.name = name;
            this.line = node.getBegin().orElseThrow().line;
            this.lines = node.getEnd().orElseThrow().line - line + 1;
        }

        @Override
        public String toString() {
            return String.format("%4d lines  %s  (%s:%d)", lines, name, file, line);
        }
    }
}

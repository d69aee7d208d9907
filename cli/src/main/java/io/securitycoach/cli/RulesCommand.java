package io.securitycoach.cli;

import io.securitycoach.rules.CompiledRule;
import io.securitycoach.rules.RuleCompiler;
import io.securitycoach.rules.RuleFileNames;
import io.securitycoach.rules.RuleRejectedException;
import io.securitycoach.rules.RuleTestRunner;
import io.securitycoach.schema.Utf8Text;
import io.securitycoach.validation.Problem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./coach rules validate|test PATH...}: check rule files and run their fixtures, with the
 * job's own code.
 */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Validate rules and run their test cases.",
        subcommands = {RulesCommand.Validate.class, RulesCommand.Test.class})
public final class RulesCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /**
     * Rule files under the paths: the files the job reads from a rules folder ({@link
     * RuleFileNames}).
     */
    static List<Path> ruleFiles(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                files.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p, RuleFileNames.MAX_DEPTH + 1)) {
                    files.addAll(
                            walk.filter(Files::isRegularFile)
                                    .filter(f -> readByTheJob(p, f))
                                    .sorted()
                                    .collect(Collectors.toList()));
                }
            } else {
                throw new IOException("no such file or folder: " + p);
            }
        }
        return files;
    }

    private static boolean readByTheJob(Path root, Path file) {
        Path relative = root.relativize(file);
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (!RuleFileNames.isReadFolder(relative.getName(i).toString())) {
                return false;
            }
        }
        return RuleFileNames.isRuleFile(file.getFileName().toString());
    }

    /**
     * The rule in {@code file}, or null after printing why it is invalid (unreadable files
     * included).
     */
    static CompiledRule compile(RuleCompiler compiler, Path file, PrintStream out) {
        String text;
        try {
            text = Utf8Text.decode(Files.readAllBytes(file)); // strict, as the job reads rule files
        } catch (IOException | Utf8Text.InvalidUtf8Exception e) {
            out.println("INVALID " + file + ": rule: cannot read: " + e.getMessage());
            return null;
        }
        try {
            CompiledRule rule = compiler.parseAndCompile(text, file.toString());
            out.println(
                    "ok      "
                            + file
                            + " ("
                            + rule.definition().key()
                            + " v"
                            + rule.definition().version
                            + ")");
            return rule;
        } catch (RuleRejectedException e) {
            for (Problem err : e.problems()) {
                out.println("INVALID " + file + ": " + err);
            }
            return null;
        }
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description =
                    "Check every rule file; print errors with file, field and position; exit 1 if"
                            + " any is invalid.")
    static final class Validate implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<Path> paths;

        @Override
        public Integer call() throws IOException {
            RuleCompiler compiler = new RuleCompiler();
            List<Path> files = ruleFiles(paths);
            int invalid = 0;
            for (Path f : files) {
                if (compile(compiler, f, System.out) == null) {
                    invalid++;
                }
            }
            System.out.println(files.size() - invalid + " valid, " + invalid + " invalid");
            return invalid == 0 && !files.isEmpty() ? 0 : 1;
        }
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description =
                    "Run the test cases in each rule's tests/ folder; print pass/fail per case;"
                            + " exit 1 on failure.")
    static final class Test implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<Path> paths;

        @Override
        public Integer call() throws IOException {
            RuleCompiler compiler = new RuleCompiler();
            int passed = 0;
            int failed = 0;
            for (Path f : ruleFiles(paths)) {
                CompiledRule rule = compile(compiler, f, System.out);
                if (rule == null) {
                    failed++;
                    continue;
                }
                Path tests =
                        f.getParent() == null ? Path.of("tests") : f.getParent().resolve("tests");
                if (!Files.isDirectory(tests)) {
                    continue;
                }
                try (Stream<Path> cases = Files.list(tests)) {
                    for (Path c :
                            cases.filter(p -> p.toString().matches(".*\\.ya?ml$"))
                                    .sorted()
                                    .collect(Collectors.toList())) {
                        RuleTestRunner.CaseResult r = RuleTestRunner.run(rule, c);
                        System.out.println(
                                (r.passed ? "  PASS  " : "  FAIL  ")
                                        + r.name
                                        + " ("
                                        + c.getFileName()
                                        + "): "
                                        + r.detail);
                        if (r.passed) passed++;
                        else failed++;
                    }
                }
            }
            System.out.println(passed + " passed, " + failed + " failed");
            return failed == 0 ? 0 : 1;
        }
    }
}

package io.securitycoach.cli;

import io.securitycoach.normalize.parsers.ParserLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./coach parsers test PATH...}: validate library parsing configurations and compare their
 * fixture records with their expected meaning, with the job's own code ({@link ParserLibrary}).
 */
@Command(
        name = "parsers",
        mixinStandardHelpOptions = true,
        description = "Validate library parsing configurations and run their fixtures.",
        subcommands = {ParsersCommand.Test.class})
public final class ParsersCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description =
                    "For each vendor folder (parser.yaml, fixtures.jsonl, expected.jsonl) under the"
                            + " paths: validate the configuration, compare each fixture record's"
                            + " meaning with the expected one; print pass/fail; exit 1 on failure.")
    static final class Test implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<Path> paths;

        @Override
        public Integer call() throws IOException {
            int passed = 0;
            int failed = 0;
            for (Path vendor : vendorFolders(paths)) {
                System.out.println(vendor);
                for (ParserLibrary.Result r : ParserLibrary.check(vendor)) {
                    System.out.println(
                            (r.passed ? "  PASS  " : "  FAIL  ") + r.name + ": " + r.detail);
                    if (r.passed) passed++;
                    else failed++;
                }
            }
            System.out.println(passed + " passed, " + failed + " failed");
            return failed == 0 && passed > 0 ? 0 : 1;
        }
    }

    /** A path that is itself a vendor folder, or the vendor folders in it. */
    static List<Path> vendorFolders(List<Path> paths) throws IOException {
        List<Path> vendors = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p.resolve(ParserLibrary.CONFIG))) {
                vendors.add(p);
            } else if (Files.isDirectory(p)) {
                vendors.addAll(ParserLibrary.vendors(p));
            } else {
                throw new IOException("no such folder: " + p);
            }
        }
        return vendors;
    }
}

package io.securitycoach.cli;

import io.securitycoach.local.KinesisApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./coach kinesis}: create streams, put JSON lines and read a stream on a local Kinesis
 * (kinesalite). Requests are unsigned: this is for local servers, not AWS.
 */
@Command(
        name = "kinesis",
        mixinStandardHelpOptions = true,
        description = "Local Kinesis (kinesalite) helpers.",
        subcommands = {
            KinesisCommand.Create.class,
            KinesisCommand.Put.class,
            KinesisCommand.Read.class
        })
public final class KinesisCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    abstract static class Endpoint {
        @Option(
                names = "--endpoint",
                defaultValue = "http://127.0.0.1:4567",
                description = "Kinesis endpoint (default ${DEFAULT-VALUE}).")
        String endpoint;
    }

    @Command(
            name = "create-stream",
            mixinStandardHelpOptions = true,
            description = "Create streams (existing ones are left as they are).")
    static final class Create extends Endpoint implements Callable<Integer> {
        @Option(names = "--shards", defaultValue = "1")
        int shards;

        @Parameters(arity = "1..*", paramLabel = "STREAM")
        List<String> streams;

        @Override
        public Integer call() throws Exception {
            KinesisApi api = new KinesisApi(endpoint);
            for (String s : streams) {
                api.createStream(s, shards);
                System.out.println("stream " + s + " active");
            }
            return 0;
        }
    }

    @Command(
            name = "put",
            mixinStandardHelpOptions = true,
            description = "Put every non-blank line of the files as one record each.")
    static final class Put extends Endpoint implements Callable<Integer> {
        @Option(names = "--stream", required = true)
        String stream;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            List<String> records = new ArrayList<>();
            for (Path f : files) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        records.add(line);
                    }
                }
            }
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                keys.add(Integer.toString(i));
            }
            new KinesisApi(endpoint).put(stream, records, keys);
            System.out.println(records.size() + " records put to " + stream);
            return 0;
        }
    }

    @Command(
            name = "read",
            mixinStandardHelpOptions = true,
            description = "Print every record now in a stream (one per line).")
    static final class Read extends Endpoint implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STREAM")
        String stream;

        @Override
        public Integer call() throws Exception {
            new KinesisApi(endpoint).readAll(stream).forEach(System.out::println);
            return 0;
        }
    }
}

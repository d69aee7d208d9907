package io.securitycoach.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Local stand-ins for AWS, as child processes bound to 127.0.0.1: kinesalite (Kinesis, from npm)
 * and S3Proxy (S3, from Maven Central). Both come with the build: {@code ./mvnw package} fetches
 * the S3Proxy jar and the tests' build runs {@code npm install} for kinesalite. Closing stops them.
 */
public final class LocalServers implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();

    /** Starts kinesalite (in memory) on {@code port}; returns its endpoint URL. */
    public String startKinesis(Path home, int port, Path log) throws IOException {
        Path server = home.resolve("local-cluster/kinesalite/server.js");
        if (!Files.isDirectory(home.resolve("local-cluster/kinesalite/node_modules/kinesalite"))) {
            throw new IOException(
                    "kinesalite is not installed: run npm install in " + server.getParent());
        }
        start(List.of("node", server.toString(), String.valueOf(port)), log, port);
        return "http://127.0.0.1:" + port;
    }

    /**
     * Starts S3Proxy on {@code port} without authentication (local only), keeping objects in memory
     * ({@code dataDir} null) or as files under {@code dataDir}; returns its endpoint URL.
     */
    public String startS3(Path home, int port, Path dataDir, Path log) throws IOException {
        Path jar = home.resolve("devkit/target/infra/s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException("S3Proxy is not in " + jar + ": run ./mvnw package first");
        }
        Path props = Files.createTempFile("s3proxy", ".properties");
        String backend =
                dataDir == null
                        ? "jclouds.provider=transient\n"
                        : "jclouds.provider=filesystem-nio2\njclouds.filesystem.basedir="
                                + dataDir.toAbsolutePath()
                                + "\n";
        if (dataDir != null) {
            Files.createDirectories(dataDir);
        }
        Files.writeString(
                props,
                "s3proxy.endpoint=http://127.0.0.1:"
                        + port
                        + "\n"
                        + "s3proxy.authorization=none\n"
                        + "jclouds.identity=local\n"
                        + "jclouds.credential=local\n"
                        + backend);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        start(
                List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties", props.toString()),
                log,
                port);
        return "http://127.0.0.1:" + port;
    }

    /** A port free at the time of asking, on 127.0.0.1. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void start(List<String> command, Path log, int port) throws IOException {
        ProcessBuilder pb =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                log == null
                                        ? ProcessBuilder.Redirect.DISCARD
                                        : ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        processes.add(p);
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(
                        command.get(command.size() > 2 ? 1 : 0)
                                + " exited with "
                                + p.exitValue()
                                + (log != null ? "; see " + log : ""));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for port " + port, e);
                }
            }
        }
        throw new IOException("nothing listens on port " + port + " after 60 s: " + command);
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}

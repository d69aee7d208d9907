package io.securitycoach.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * DNS lookups for the SSRF check, off the caller's thread on a small pool of their own, and at most
 * one per host at a time (callers asking meanwhile share it). A resolver that hangs for one org's
 * host therefore holds one of these threads, and no thread that sends or retries anyone's messages.
 */
public final class HostLookups implements AutoCloseable {
    /** What resolves a name; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final ExecutorService pool;
    private final Map<String, CompletableFuture<InetAddress[]>> running = new ConcurrentHashMap<>();

    public HostLookups(int threads, Resolver resolver) {
        this.resolver = resolver;
        this.pool =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "notify-dns");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * The host's addresses, later; fails with the resolver's exception (UnknownHostException for
     * unknown names).
     */
    public CompletableFuture<InetAddress[]> lookup(String host) {
        CompletableFuture<InetAddress[]> mine = new CompletableFuture<>();
        CompletableFuture<InetAddress[]> theirs = running.putIfAbsent(host, mine);
        if (theirs != null) {
            return theirs;
        }
        try {
            pool.execute(
                    () -> {
                        try {
                            InetAddress[] addresses = resolver.resolve(host);
                            running.remove(host, mine);
                            mine.complete(addresses);
                        } catch (Throwable e) {
                            running.remove(host, mine);
                            mine.completeExceptionally(e);
                        }
                    });
        } catch (RejectedExecutionException shuttingDown) {
            running.remove(host, mine);
            mine.completeExceptionally(shuttingDown);
        }
        return mine;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

package io.securitycoach.cli;

/**
 * A {@code ./coach} subcommand (a picocli {@code @Command}) that another module adds: found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.securitycoach.cli.CoachSubcommand}),
 * so jobs/ does not depend on the modules that build on it (savepoints/ adds {@code savepoint}).
 */
public interface CoachSubcommand {}

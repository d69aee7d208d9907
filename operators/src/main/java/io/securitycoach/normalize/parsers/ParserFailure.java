package io.securitycoach.normalize.parsers;

/**
 * A customer's parsing configuration that threw at run time (a gap in the compiler's checks, not a
 * bad record): it names the configuration, so the normalize stage can disable it for its org
 * instead of failing on every record of that feed.
 */
public final class ParserFailure extends RuntimeException {
    private final String orgId;
    private final String parser;
    private final long version;

    ParserFailure(CompiledParser failed, RuntimeException cause) {
        super(failed.orgId + "/" + failed.name + " v" + failed.version + ": " + cause, cause);
        this.orgId = failed.orgId;
        this.parser = failed.name;
        this.version = failed.version;
    }

    public String orgId() {
        return orgId;
    }

    public String parser() {
        return parser;
    }

    public long version() {
        return version;
    }
}

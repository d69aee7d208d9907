package io.securitycoach.bench;

import io.securitycoach.records.UserRecord;
import io.securitycoach.schema.SecurityEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * A seeded, reproducible directory workload from one number sequence: the first {@code users}
 * numbers become directory records spread over {@code orgs} orgs (email, three aliases, realistic
 * attributes), the rest become web events naming those users by email, user name or DOMAIN\\user,
 * with a share of identities nobody knows. Users come first, as a directory sync precedes traffic.
 */
public class DirectoryWorkload extends ProcessFunction<Long, UserRecord> {
    public static final OutputTag<SecurityEvent> EVENTS =
            new OutputTag<>("events", TypeInformation.of(SecurityEvent.class));
    private static final String[] DEPARTMENTS = {
        "Finance", "Engineering", "Sales", "Marketing", "HR", "Support", "Legal"
    };
    private static final String[] CATEGORIES = {
        "News and Media",
        "Professional Services",
        "Gambling",
        "Social Networking",
        "Online and Other Storage",
        "Computer Security",
        "Shopping"
    };
    static final long START = 1_795_170_000_000L;

    private final long users;
    private final int orgs;
    private final double unknownShare;

    public DirectoryWorkload(long users, int orgs, double unknownShare) {
        this.users = users;
        this.orgs = orgs;
        this.unknownShare = unknownShare;
    }

    @Override
    public void processElement(Long n, Context ctx, Collector<UserRecord> out) {
        if (n < users) {
            out.collect(user(n));
        } else {
            ctx.output(EVENTS, event(n - users));
        }
    }

    private String org(long u) {
        return "org-" + (u % orgs);
    }

    UserRecord user(long u) {
        UserRecord r = new UserRecord();
        r.orgId = org(u);
        r.userId = "u" + u;
        r.version = 1;
        r.email = "user" + u + "@" + r.orgId + ".example";
        r.aliases = new String[] {"user" + u, "CORP\\user" + u, "E" + (1_000_000 + u)};
        r.firstName = "First" + (u % 997);
        r.lastName = "Last" + (u % 991);
        r.department = DEPARTMENTS[(int) (u % DEPARTMENTS.length)];
        r.title = r.department + " specialist";
        r.location = "City " + (u % 53);
        r.managerEmail = "user" + (u / 10) + "@" + r.orgId + ".example";
        r.tags = new String[] {"staff", "site-" + (u % 7)};
        return r;
    }

    SecurityEvent event(long j) {
        long u = (j * 7919L) % users; // spread over the directory, deterministic
        SecurityEvent e = new SecurityEvent();
        e.orgId = org(u);
        e.eventUid = "ev" + j;
        e.vendor = "zscaler";
        e.eventClass = "web";
        e.classUid = 4002;
        e.action = j % 10 == 0 ? "blocked" : "allowed";
        e.urlCategory = CATEGORIES[(int) (j % CATEGORIES.length)];
        e.urlHost = "site" + (j % 5000) + ".example";
        e.eventTime = START + j;
        e.ingestTime = e.eventTime;
        long roll = (j * 2654435761L) % 1000;
        if (roll < unknownShare * 1000) {
            e.actorEmail = "ghost" + j + "@" + e.orgId + ".example";
            e.identityKey = e.actorEmail;
        } else if (roll < 700) {
            e.actorEmail = "user" + u + "@" + e.orgId + ".example";
            e.identityKey = e.actorEmail;
        } else if (roll < 850) {
            e.actorUserName = "user" + u;
            e.identityKey = e.actorUserName;
        } else {
            e.actorDomain = "CORP";
            e.actorUserName = "user" + u;
            e.identityKey = "corp\\user" + u;
        }
        return e;
    }
}

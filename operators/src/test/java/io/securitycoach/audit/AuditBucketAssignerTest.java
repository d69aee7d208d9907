package io.securitycoach.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.AuditRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditBucketAssignerTest {
    private final AuditBucketAssigner assigner = new AuditBucketAssigner();
    private final long time = Instant.parse("2026-11-20T23:59:59Z").toEpochMilli();

    @Test
    void partitionsByStageOrgDateAndHourInUtc() {
        assertThat(assigner.getBucketId(new AuditRecord("detections", "acme", time, "{}"), null))
                .isEqualTo("detections/org=acme/dt=2026-11-20/hour=23");
        assertThat(assigner.getBucketId(new AuditRecord("dead_letters", null, time, "{}"), null))
                .isEqualTo("dead_letters/org=_none/dt=2026-11-20/hour=23");
    }

    @Test
    void orgIdsCannotEscapeTheirFolder() {
        String bucket = assigner.getBucketId(new AuditRecord("raw", "../../etc", time, "{}"), null);
        assertThat(bucket).startsWith("raw/org=_").doesNotContain("..");
        assertThat(assigner.getBucketId(new AuditRecord("raw", ".hidden", time, "{}"), null))
                .startsWith("raw/org=_");
        // issue 12: only valid org ids (OrgIds) name a partition; a case variant is not another
        // name for acme
        assertThat(assigner.getBucketId(new AuditRecord("raw", "ACME", time, "{}"), null))
                .startsWith("raw/org=_");
        assertThat(assigner.getBucketId(new AuditRecord("raw", "acme_corp", time, "{}"), null))
                .startsWith("raw/org=_");
        assertThat(assigner.getBucketId(new AuditRecord("raw", "org-001", time, "{}"), null))
                .startsWith("raw/org=org-001/");
    }
}

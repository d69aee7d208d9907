package io.securitycoach.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HiddenFilesTest {
    @Test
    void dotAndUnderscoreNamesAreHidden() {
        assertThat(HiddenFiles.isHidden(".part-0-1.inprogress.7f3a")).isTrue();
        assertThat(HiddenFiles.isHidden("_keep")).isTrue();
        assertThat(HiddenFiles.isHidden("part-0-1.jsonl")).isFalse();
        assertThat(HiddenFiles.isHidden("rules.yaml")).isFalse();
    }

    @Test
    void aFileInAHiddenFolderIsHidden() {
        assertThat(HiddenFiles.isHidden(Path.of("org=acme/_tmp/part-0-1"))).isTrue();
        assertThat(HiddenFiles.isHidden(Path.of("org=acme/day=2026-12-07/part-0-1"))).isFalse();
    }
}

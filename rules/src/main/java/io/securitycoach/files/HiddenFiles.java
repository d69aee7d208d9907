package io.securitycoach.files;

import java.nio.file.Path;

/**
 * The one rule for files every reader of a folder skips: a name starting with "." or "_" (Flink's
 * FileSink keeps in-progress and pending part files as ".part-*", S3's recoverable writer its
 * unfinished tails as "_*_tmp_*", and markers such as "_keep" let a source list an empty prefix).
 * Flink's FileSource skips the same names.
 */
public final class HiddenFiles {
    private HiddenFiles() {}

    /** A file or folder name that readers skip. */
    public static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** Whether any part of a relative path is hidden (a file in a hidden folder is hidden too). */
    public static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (isHidden(part.toString())) {
                return true;
            }
        }
        return false;
    }
}

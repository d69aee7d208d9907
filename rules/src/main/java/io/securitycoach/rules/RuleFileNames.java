package io.securitycoach.rules;

import io.securitycoach.files.HiddenFiles;

/**
 * Which files of a rules folder are rules, for the job and {@code ./coach rules validate} alike:
 * {@code .yaml}, {@code .yml} and {@code .json} files at any depth, except names starting with
 * {@code .} or {@code _} (drafts, markers) and anything in a {@code tests} folder (a rule's test
 * cases).
 */
public final class RuleFileNames {
    /**
     * Folders deeper than this below the root are not read (a bound on what a listing can cost).
     */
    public static final int MAX_DEPTH = 8;

    private RuleFileNames() {}

    public static boolean isRuleFile(String fileName) {
        return !skipped(fileName)
                && (fileName.endsWith(".yaml")
                        || fileName.endsWith(".yml")
                        || fileName.endsWith(".json"));
    }

    public static boolean isReadFolder(String folderName) {
        return !skipped(folderName) && !"tests".equals(folderName);
    }

    private static boolean skipped(String name) {
        return HiddenFiles.isHidden(name);
    }
}

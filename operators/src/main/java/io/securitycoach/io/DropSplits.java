package io.securitycoach.io;

/**
 * A refused drop entry travels from the enumerator to the reader as a split whose id carries the
 * refusal ({@code invalid_path|<id>|<folder org>|<problem>}): splits are checkpointed with their
 * id, so a restored refusal is still one, and nothing else about a split had to change.
 */
final class DropSplits {
    private static final String MARK = "invalid_path|";

    private DropSplits() {}

    static String refusedId(String uniqueId, DropLayout.Placement refused) {
        String org = refused.folderOrg == null ? "" : refused.folderOrg;
        return MARK + uniqueId + "|" + org + "|" + refused.problem;
    }

    /** The refusal a split id carries, else null for a split of a file to read. */
    static DropLayout.Placement refusal(String splitId) {
        if (!splitId.startsWith(MARK)) {
            return null;
        }
        String[] parts = splitId.substring(MARK.length()).split("\\|", 3);
        if (parts.length < 3) {
            return DropLayout.Placement.refused("refused drop entry", null);
        }
        return DropLayout.Placement.refused(parts[2], parts[1].isEmpty() ? null : parts[1]);
    }
}

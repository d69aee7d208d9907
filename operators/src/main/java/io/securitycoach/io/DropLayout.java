package io.securitycoach.io;

import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.schema.OrgIds;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The drop-folder layout, the one place a file's org and vendor are decided: exactly {@code
 * <root>/<org>/<vendor>/<file>}. The org is the channel's, so a file one org places deeper ({@code
 * acme/zscaler/globex/zscaler/x.jsonl}) or with traversal ({@code acme/../globex/...}) is never
 * taken as another org's: it is refused with a problem and becomes an {@code invalid_path} dead
 * letter.
 */
public final class DropLayout {
    /** Segments below a root: org folder, vendor folder, file. */
    public static final int DEPTH = 3;

    /**
     * A percent-encoded byte: names are taken literally, an encoded '.', '/' or '\' hides a step.
     */
    private static final Pattern ENCODED = Pattern.compile("%[0-9A-Fa-f]{2}");

    private DropLayout() {}

    /** Where a file sits: its org and vendor, or the problem that refuses it. */
    public static final class Placement {
        /** The org and vendor of a valid file, else null. */
        public final String org;

        public final String vendor;

        /** Why the path is refused, else null. */
        public final String problem;

        /**
         * The org folder the file sits in when that folder's name is a valid org id, even for a
         * refused file: its dead letter goes to the org that placed it, never to one it names
         * deeper.
         */
        public final String folderOrg;

        private Placement(String org, String vendor, String problem, String folderOrg) {
            this.org = org;
            this.vendor = vendor;
            this.problem = problem;
            this.folderOrg = folderOrg;
        }

        public static Placement refused(String problem, String folderOrg) {
            return new Placement(null, null, problem, OrgIds.isValid(folderOrg) ? folderOrg : null);
        }

        public boolean isValid() {
            return problem == null;
        }
    }

    /** The placement of a file from its segments below the root, as listed (not normalized). */
    public static Placement place(List<String> segments) {
        String folderOrg = segments.size() > 1 ? segments.get(0) : null;
        for (String segment : segments) {
            String problem = segmentProblem(segment);
            if (problem != null) {
                return Placement.refused(problem, folderOrg);
            }
        }
        if (segments.size() != DEPTH) {
            return Placement.refused(
                    "the file is "
                            + segments.size()
                            + " levels below the drop root; the layout is"
                            + " <root>/<org>/<vendor>/<file>",
                    folderOrg);
        }
        String org = segments.get(0);
        String vendor = segments.get(1);
        if (!OrgIds.isValid(org)) {
            return Placement.refused("org folder: " + OrgIds.problem(org), null);
        }
        if (!ParserCompiler.isValidName(vendor)) {
            return Placement.refused(
                    "vendor folder '"
                            + printable(vendor)
                            + "': lower-case letters, digits, - and _ (at most 48)",
                    org);
        }
        return new Placement(org, vendor, null, org);
    }

    /**
     * The placement of {@code filePath} under {@code rootPath} (both URI paths, decoded), or a
     * refusal when the file is not below the root.
     */
    public static Placement place(String rootPath, String filePath) {
        String root = rootPath.endsWith("/") ? rootPath : rootPath + "/";
        if (!filePath.startsWith(root)) {
            return Placement.refused("not below the drop root " + printable(rootPath), null);
        }
        return place(List.of(filePath.substring(root.length()).split("/", -1)));
    }

    /** Null for a plain name, else why the segment could step out of its folder. */
    static String segmentProblem(String segment) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            return "path segment '" + segment + "': no empty, '.' or '..' steps";
        }
        if (segment.indexOf('\\') >= 0) {
            return "path segment '" + printable(segment) + "' holds a backslash";
        }
        if (ENCODED.matcher(segment).find()) {
            return "path segment '" + printable(segment) + "' holds a percent-encoded byte";
        }
        if (segment.chars().anyMatch(Character::isISOControl)) {
            return "path segment '" + printable(segment) + "' holds a control character";
        }
        return null;
    }

    static String printable(String s) {
        String cut = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}

package io.securitycoach.jobs.wiring;

import io.securitycoach.control.ControlChannel;
import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.records.ControlMessage;
import io.securitycoach.rules.RuleFileNames;
import io.securitycoach.rules.RuleParser;
import io.securitycoach.schema.OrgIds;
import io.securitycoach.schema.Utf8Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/**
 * A folder of rule files (one rule per {@code .yaml}, {@code .yml} or {@code .json}) as control
 * messages: one upsert per file, then the end of the initial snapshot. Files are sent as written;
 * the job validates them and answers each with a rule status. The folder may be local or on any
 * Flink filesystem (s3://). Its first level is the channel ({@link ControlChannel}): a file in
 * {@code <folder>/<org>/} (at any depth below) speaks for that org only (give each org write access
 * to its own prefix); a file at the top is the operator's, for the org its text names.
 */
public final class RuleFiles {
    /**
     * Rules are at most 64 KiB (the parser's limit, which answers with a status); reading stops
     * well past it.
     */
    private static final int MAX_READ_BYTES = 1 << 20;

    private RuleFiles() {}

    public static List<ControlMessage> snapshot(Path folder) {
        return snapshot(folder.toUri().toString());
    }

    /**
     * Parsing configurations first (records for those feeds wait for them), then the rules and the
     * end marker.
     */
    public static List<ControlMessage> snapshot(Path rules, Path parsers) {
        List<ControlMessage> messages = new ArrayList<>(parsers(parsers));
        messages.addAll(snapshot(rules));
        return messages;
    }

    /**
     * A folder of orgs' parsing configurations as {@code parser_upsert} messages (no end marker:
     * rules send it).
     */
    public static List<ControlMessage> parsers(Path folder) {
        return parsers(folder.toUri().toString());
    }

    public static List<ControlMessage> parsers(String folderUri) {
        List<ControlMessage> messages = new ArrayList<>();
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(folderUri);
        for (FileStatus file : ruleFiles(root)) {
            messages.add(message(root, file, ControlMessage.PARSER_UPSERT));
        }
        return messages;
    }

    public static List<ControlMessage> snapshot(String folderUri) {
        List<ControlMessage> messages = new ArrayList<>();
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(folderUri);
        for (FileStatus file : ruleFiles(root)) {
            messages.add(message(root, file, ControlMessage.RULE_UPSERT));
        }
        messages.add(ControlMessage.snapshotEnd(folderUri));
        return messages;
    }

    /**
     * One file as an upsert for the org its text names (control messages name their org), or a
     * refusal saying why not: not UTF-8, too large, or no readable org. Each gets a rejected
     * status.
     */
    private static ControlMessage message(
            org.apache.flink.core.fs.Path root, FileStatus file, String type) {
        String name = file.getPath().getName();
        String folder = orgFolder(root, file);
        if (folder != null && !OrgIds.isValid(folder)) {
            return ControlMessage.refused(
                    null,
                    null,
                    0,
                    List.of(
                            name
                                    + ": is in folder '"
                                    + folder
                                    + "', which is no org id (a rules folder holds the"
                                    + " operator's files at its top and each org's in a folder"
                                    + " named after it)"),
                    name);
        }
        ControlChannel channel =
                folder == null ? ControlChannel.OPERATOR : ControlChannel.ofOrg(folder);
        ControlMessage m = read(file, type, name);
        if (ControlMessage.REFUSED.equals(m.type)) {
            m.orgId = channel.org(); // the reader's own refusal: filed under the folder's org
            return m;
        }
        return channel.admit(m);
    }

    /**
     * The first folder below {@code root} that holds {@code file}; null for a file at the top (or a
     * single file given as the folder).
     */
    private static String orgFolder(org.apache.flink.core.fs.Path root, FileStatus file) {
        String top = root.toUri().getPath();
        String path = file.getPath().toUri().getPath();
        if (top == null || path == null || !path.startsWith(top)) {
            return null;
        }
        String below = path.substring(top.length());
        below = below.startsWith("/") ? below.substring(1) : below;
        int slash = below.indexOf('/');
        return slash < 0 ? null : below.substring(0, slash);
    }

    /** One file as a message, as its text says, or a refusal from the reader. */
    private static ControlMessage read(FileStatus file, String type, String name) {
        boolean rule = ControlMessage.RULE_UPSERT.equals(type);
        String text;
        try {
            text = read(file);
        } catch (Utf8Text.InvalidUtf8Exception | IllegalArgumentException e) {
            return ControlMessage.refused(
                    null, null, 0, List.of(name + ": " + e.getMessage()), name);
        }
        String org =
                rule ? RuleParser.peekOrgAndId(text)[0] : ParserCompiler.peekOrgAndName(text)[0];
        if (org == null) {
            return ControlMessage.refused(
                    null,
                    null,
                    0,
                    List.of(
                            name
                                    + ": names no readable org (`./coach rules "
                                    + "validate` shows what is wrong with the file)"),
                    name);
        }
        return rule
                ? ControlMessage.upsert(org, text, name)
                : ControlMessage.parserUpsert(org, text, name);
    }

    /**
     * The rule files under {@code folder} ({@link RuleFileNames}: the files the CLI validates),
     * sorted by path.
     */
    private static List<FileStatus> ruleFiles(org.apache.flink.core.fs.Path folder) {
        try {
            FileSystem fs = folder.getFileSystem();
            if (!fs.exists(folder)) {
                throw new IllegalArgumentException("rules folder not found: " + folder);
            }
            FileStatus status = fs.getFileStatus(folder);
            if (!status.isDir()) {
                return List.of(status);
            }
            List<FileStatus> files = new ArrayList<>();
            collect(fs, folder, 0, files);
            files.sort(Comparator.comparing(f -> f.getPath().toUri().getPath()));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rules folder " + folder, e);
        }
    }

    private static void collect(
            FileSystem fs, org.apache.flink.core.fs.Path folder, int depth, List<FileStatus> into)
            throws IOException {
        FileStatus[] listed = fs.listStatus(folder);
        for (FileStatus f : listed == null ? new FileStatus[0] : listed) {
            String name = f.getPath().getName();
            if (!f.isDir() && RuleFileNames.isRuleFile(name)) {
                into.add(f);
            } else if (f.isDir()
                    && depth < RuleFileNames.MAX_DEPTH
                    && RuleFileNames.isReadFolder(name)) {
                collect(fs, f.getPath(), depth + 1, into);
            }
        }
    }

    /**
     * Strict UTF-8, as {@code ./coach rules validate} reads it: the job never accepts a text the
     * CLI refused.
     */
    private static String read(FileStatus file) throws Utf8Text.InvalidUtf8Exception {
        byte[] bytes;
        try (FSDataInputStream in = file.getPath().getFileSystem().open(file.getPath())) {
            bytes = in.readNBytes(MAX_READ_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + file.getPath(), e);
        }
        if (bytes.length > MAX_READ_BYTES) {
            throw new IllegalArgumentException(
                    "file is over "
                            + MAX_READ_BYTES
                            + " bytes (a rule or configuration is "
                            + "at most "
                            + RuleParser.MAX_RULE_BYTES
                            + " characters)");
        }
        return Utf8Text.decode(bytes);
    }
}

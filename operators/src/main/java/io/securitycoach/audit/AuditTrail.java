package io.securitycoach.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.files.HiddenFiles;
import io.securitycoach.schema.Json;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Reads the audit trail back (a local folder or any Flink filesystem such as s3://): the committed
 * lines of one stage, for the CLI, the soak checker, bench/ and the tests. Committed means a part
 * file FileSink has finished ({@link #isCommittedPart}): its name starts with "part-" ({@code
 * AuditSinks}' prefix) and nothing on its way under the stage is hidden ({@link HiddenFiles}:
 * in-progress and pending files, S3's unfinished tails; unfinished multipart uploads are not listed
 * at all). Lines are streamed, so a million-record trail stays out of memory.
 */
public final class AuditTrail {
    /** Receives one committed audit line and the file that holds it. */
    @FunctionalInterface
    public interface Visitor {
        void line(JsonNode record, String file);
    }

    private AuditTrail() {}

    public static List<JsonNode> read(java.nio.file.Path auditRoot, String stage) {
        return read(auditRoot.toUri().toString(), stage);
    }

    public static List<JsonNode> read(String auditRootUri, String stage) {
        List<JsonNode> out = new ArrayList<>();
        forEach(auditRootUri, stage, (record, file) -> out.add(record));
        return out;
    }

    public static void forEach(java.nio.file.Path auditRoot, String stage, Visitor visitor) {
        forEach(auditRoot.toUri().toString(), stage, visitor);
    }

    /** Every committed line of {@code stage}, file by file in name order. */
    public static void forEach(String auditRootUri, String stage, Visitor visitor) {
        String root = auditRootUri.endsWith("/") ? auditRootUri : auditRootUri + "/";
        for (FileStatus f : committedFiles(new Path(root + stage))) {
            readLines(f.getPath(), visitor);
        }
    }

    /** Committed bytes under a folder: a stage, or any FileSink's output. */
    public static long committedBytes(java.nio.file.Path folder) {
        return committedFiles(new Path(folder.toUri())).stream()
                .mapToLong(FileStatus::getLen)
                .sum();
    }

    /** Committed bytes per stage of a local audit trail, by stage name. */
    public static Map<String, Long> committedBytesByStage(java.nio.file.Path auditRoot) {
        Map<String, Long> sizes = new TreeMap<>();
        for (FileStatus stage : listed(new Path(auditRoot.toUri()))) {
            String name = stage.getPath().getName();
            if (stage.isDir() && !HiddenFiles.isHidden(name)) {
                sizes.put(name, committedBytes(auditRoot.resolve(name)));
            }
        }
        return sizes;
    }

    /** The committed part files under {@code root}, in name order; none when it is absent. */
    public static List<FileStatus> committedFiles(Path root) {
        List<FileStatus> files = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem();
            if (fs.exists(root)) {
                collect(fs, root, files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list audit trail " + root, e);
        }
        files.sort(Comparator.comparing(f -> f.getPath().toString()));
        return files;
    }

    /** A file name FileSink gives a finished part ({@code part-<subtask>-<n>[.jsonl]}). */
    public static boolean isCommittedPart(String name) {
        return !HiddenFiles.isHidden(name) && name.startsWith("part-");
    }

    private static void collect(FileSystem fs, Path dir, List<FileStatus> into) throws IOException {
        FileStatus[] listed = listWhileCommitting(fs, dir);
        for (FileStatus f : listed == null ? new FileStatus[0] : listed) {
            String name = f.getPath().getName();
            if (f.isDir() && !HiddenFiles.isHidden(name)) {
                collect(fs, f.getPath(), into);
            } else if (!f.isDir() && isCommittedPart(name)) {
                into.add(f);
            }
        }
    }

    /**
     * A folder's entries while a sink may be committing into it: the local file system stats each
     * name it listed, and an in-progress file renamed to its part in between fails the listing
     * (FileNotFoundException naming the in-progress file), so the folder is listed again.
     */
    private static FileStatus[] listWhileCommitting(FileSystem fs, Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return fs.listStatus(dir);
            } catch (FileNotFoundException renamedMeanwhile) {
                if (attempt == 5) {
                    throw renamedMeanwhile;
                }
            }
        }
    }

    private static List<FileStatus> listed(Path dir) {
        try {
            FileSystem fs = dir.getFileSystem();
            FileStatus[] listed = fs.exists(dir) ? fs.listStatus(dir) : null;
            return listed == null ? List.of() : List.of(listed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void readLines(Path file, Visitor visitor) {
        String shown = "file".equals(file.toUri().getScheme()) ? file.getPath() : file.toString();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                file.getFileSystem().open(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    visitor.line(Json.mapper().readTree(line), shown);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit file " + file, e);
        }
    }
}

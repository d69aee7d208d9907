package io.securitycoach.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.schema.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/**
 * Reads an audit trail back (local or on any Flink filesystem such as s3://): the committed lines
 * of one stage. In-progress files are hidden (dot-prefixed locally, unfinished multipart uploads on
 * S3) and skipped.
 */
public final class AuditTrail {
    private AuditTrail() {}

    public static List<JsonNode> read(Path auditRoot, String stage) {
        return read(auditRoot.toUri().toString(), stage);
    }

    public static List<JsonNode> read(String auditRootUri, String stage) {
        String root = auditRootUri.endsWith("/") ? auditRootUri : auditRootUri + "/";
        org.apache.flink.core.fs.Path stageRoot = new org.apache.flink.core.fs.Path(root + stage);
        List<JsonNode> out = new ArrayList<>();
        try {
            FileSystem fs = stageRoot.getFileSystem();
            if (!fs.exists(stageRoot)) {
                return out;
            }
            List<FileStatus> files = new ArrayList<>();
            collect(fs, stageRoot, files);
            files.sort(Comparator.comparing(f -> f.getPath().toString()));
            for (FileStatus f : files) {
                try (BufferedReader r =
                        new BufferedReader(
                                new InputStreamReader(
                                        fs.open(f.getPath()), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (!line.isBlank()) {
                            out.add(Json.mapper().readTree(line));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit trail " + stageRoot, e);
        }
        return out;
    }

    private static void collect(
            FileSystem fs, org.apache.flink.core.fs.Path dir, List<FileStatus> into)
            throws IOException {
        FileStatus[] listed = fs.listStatus(dir);
        if (listed == null) {
            return;
        }
        for (FileStatus f : listed) {
            String name = f.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (f.isDir()) {
                collect(fs, f.getPath(), into);
            } else {
                into.add(f);
            }
        }
    }
}

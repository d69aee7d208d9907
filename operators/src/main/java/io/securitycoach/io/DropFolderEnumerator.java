package io.securitycoach.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Lists drop roots level by level as {@link DropLayout} lays them out, instead of Flink's recursive
 * enumerator. Every listed entry must be a direct child of the folder listed: a filesystem that
 * resolves a name holding {@code ..}, {@code .} or a backslash (S3 keys can; Flink's and Hadoop's
 * paths normalize them) yields a path elsewhere, which is refused, never read and never descended.
 * Files at the wrong depth or under invalid folders become refused splits ({@link DropSplits}) that
 * the reader turns into {@code invalid_path} dead letters. Names starting with {@code .} or {@code
 * _} are in-progress files or markers and skipped, as before.
 */
public final class DropFolderEnumerator implements FileEnumerator {
    /** Below this many levels a folder is refused whole instead of listing its files one by one. */
    static final int MAX_LISTED_DEPTH = DropLayout.DEPTH + 5;

    private final ArchiveRange range;
    private final String idPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-";
    private long nextId;

    public DropFolderEnumerator(ArchiveRange range) {
        this.range = range;
    }

    /** For {@code FileSource.Builder#setFileEnumerator}: files in {@code range} (null: all). */
    public static FileEnumerator.Provider provider(ArchiveRange range) {
        ArchiveRange r = range == null ? ArchiveRange.everything() : range;
        return () -> new DropFolderEnumerator(r);
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] roots, int minDesiredSplits)
            throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>();
        for (Path root : roots) {
            splits.addAll(splits(root.getFileSystem(), root));
        }
        return splits;
    }

    /** The splits of one root on {@code fs}. */
    List<FileSourceSplit> splits(FileSystem fs, Path root) throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>();
        walk(fs, fs.getFileStatus(root), new ArrayList<>(), splits);
        return splits;
    }

    private void walk(FileSystem fs, FileStatus dir, List<String> below, List<FileSourceSplit> out)
            throws IOException {
        FileStatus[] children;
        try {
            children = fs.listStatus(dir.getPath());
        } catch (IOException e) {
            if (below.isEmpty()) {
                throw e; // the root is the operator's, not a tenant's: fail as Flink's would
            }
            // a name the filesystem cannot resolve back (a local "a\b") fails the whole listing
            refuse(dir, below, "cannot list the folder: " + e.getMessage(), out);
            return;
        }
        if (children == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (FileStatus child : children) {
            if (seen.add(child.getPath().toUri().getPath())) {
                visit(fs, dir, child, below, out);
            } else {
                refuse(child, below, "listed twice: a name that resolves to another", out);
            }
        }
    }

    private void visit(
            FileSystem fs,
            FileStatus dir,
            FileStatus child,
            List<String> below,
            List<FileSourceSplit> out)
            throws IOException {
        if (!isDirectChild(dir.getPath(), child.getPath())) {
            refuse(
                    child,
                    below,
                    "listed in "
                            + dir.getPath()
                            + " but resolves to "
                            + child.getPath()
                            + ": a '.', '..' or '\\' in its name",
                    out);
            return;
        }
        String name = child.getPath().getName();
        if (name.startsWith(".") || name.startsWith("_")) {
            return;
        }
        List<String> path = new ArrayList<>(below);
        path.add(name);
        if (!child.isDir()) {
            if (range.contains(child)) {
                DropLayout.Placement placement = DropLayout.place(path);
                out.add(
                        placement.isValid()
                                ? split(String.valueOf(nextId++), child)
                                : refusedSplit(child, placement));
            }
        } else if (path.size() < MAX_LISTED_DEPTH) {
            walk(fs, child, path, out);
        } else {
            refuse(child, path, "a folder " + path.size() + " levels below the drop root", out);
        }
    }

    private static boolean isDirectChild(Path dir, Path child) {
        Path parent = child.getParent();
        return parent != null
                && parent.toUri().getPath().equals(dir.toUri().getPath())
                && !child.getName().isEmpty();
    }

    private void refuse(
            FileStatus entry, List<String> below, String problem, List<FileSourceSplit> out) {
        String folderOrg = below.isEmpty() ? null : below.get(0);
        out.add(refusedSplit(entry, DropLayout.Placement.refused(problem, folderOrg)));
    }

    private FileSourceSplit refusedSplit(FileStatus entry, DropLayout.Placement placement) {
        return new FileSourceSplit(
                DropSplits.refusedId(idPrefix + nextId++, placement),
                entry.getPath(),
                0,
                0,
                entry.getModificationTime(),
                0);
    }

    private FileSourceSplit split(String seq, FileStatus file) {
        return new FileSourceSplit(
                idPrefix + seq,
                file.getPath(),
                0,
                file.getLen(),
                file.getModificationTime(),
                file.getLen());
    }
}

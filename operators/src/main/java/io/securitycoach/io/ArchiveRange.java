package io.securitycoach.io;

import io.securitycoach.files.HiddenFiles;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The files of an archive to replay: every visible file under the roots (names starting with {@code
 * .} or {@code _} are in-progress or markers) last modified in {@code [since, until)}, one split
 * per file ({@link DropFolderEnumerator} reads them). Also used up-front to count what a replay
 * will read, for its progress.
 */
public final class ArchiveRange implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long sinceMillis;
    private final long untilMillis;

    public ArchiveRange(long sinceMillis, long untilMillis) {
        this.sinceMillis = sinceMillis;
        this.untilMillis = untilMillis;
    }

    public static ArchiveRange everything() {
        return new ArchiveRange(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public boolean contains(FileStatus file) {
        return file.getModificationTime() >= sinceMillis
                && file.getModificationTime() < untilMillis;
    }

    /** The files in range under the roots, in path order. */
    public List<FileStatus> files(Path... roots) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        for (Path root : roots) {
            FileSystem fs = root.getFileSystem();
            collect(fs, fs.getFileStatus(root), out);
        }
        out.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
        return out;
    }

    private void collect(FileSystem fs, FileStatus status, List<FileStatus> out)
            throws IOException {
        String name = status.getPath().getName();
        if (HiddenFiles.isHidden(name)) {
            return;
        }
        if (!status.isDir()) {
            if (contains(status)) {
                out.add(status);
            }
            return;
        }
        FileStatus[] children = fs.listStatus(status.getPath());
        if (children != null) {
            for (FileStatus child : children) {
                collect(fs, child, out);
            }
        }
    }

    /**
     * The enumerator a bounded {@code FileSource} of a shared prefix uses to read exactly {@link
     * #files}: any depth, since the org of a shared file's records comes from their envelopes,
     * never from the path (drop folders use {@link DropFolderEnumerator}).
     */
    public FileEnumerator.Provider sharedEnumerator() {
        ArchiveRange range = this;
        return () ->
                new FileEnumerator() {
                    private long nextId;

                    @Override
                    public Collection<FileSourceSplit> enumerateSplits(
                            Path[] paths, int minDesiredSplits) throws IOException {
                        List<FileSourceSplit> splits = new ArrayList<>();
                        for (FileStatus f : range.files(paths)) {
                            splits.add(
                                    new FileSourceSplit(
                                            String.valueOf(nextId++),
                                            f.getPath(),
                                            0,
                                            f.getLen(),
                                            f.getModificationTime(),
                                            f.getLen()));
                        }
                        return splits;
                    }
                };
    }
}

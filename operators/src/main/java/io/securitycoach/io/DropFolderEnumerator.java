package io.securitycoach.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
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
 *
 * <p>A folder is listed again only when its modification time moved since the last listing (an
 * entry added, removed or renamed moves it), or when it had not settled then (changed within {@link
 * #SETTLED_MILLIS} of the listing, so that a change in the same clock tick is not missed); its
 * sub-folders are still visited. Flink's enumerator skips files it has seen by path, so listing a
 * settled folder again only cost time: a listing per folder and file system status per entry, every
 * interval. Stores whose folders have no modification time (S3: 0) are listed every time.
 */
public final class DropFolderEnumerator implements FileEnumerator {
    /** Below this many levels a folder is refused whole instead of listing its files one by one. */
    static final int MAX_LISTED_DEPTH = DropLayout.DEPTH + 5;

    /** How long a folder must have been unchanged when listed for that listing to be kept. */
    static final long SETTLED_MILLIS = 10_000;

    /**
     * Every folder is listed at least this often: a file system whose folder times do not move
     * (some FUSE mounts) or a tool that sets them back (an archive extracted with its dates) would
     * otherwise hide a new file for good; this makes it a delay.
     */
    static final long FULL_LISTING_MILLIS = 5 * 60_000;

    private final ArchiveRange range;
    private final LongSupplier clock;
    private final String idPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-";
    private long nextId;

    /** The settled folders of the last enumeration, by path; rebuilt by each. */
    private Map<Path, Listing> listings = new HashMap<>();

    private Map<Path, Listing> nextListings = new HashMap<>();

    private long lastFullListing = Long.MIN_VALUE;

    /** A settled folder whose files all became splits: its time then and the folders it holds. */
    private static final class Listing {
        final long modificationTime;
        final List<String> folders;

        Listing(long modificationTime, List<String> folders) {
            this.modificationTime = modificationTime;
            this.folders = folders;
        }
    }

    public DropFolderEnumerator(ArchiveRange range) {
        this(range, System::currentTimeMillis);
    }

    DropFolderEnumerator(ArchiveRange range, LongSupplier clock) {
        this.range = range;
        this.clock = clock;
    }

    /** For {@code FileSource.Builder#setFileEnumerator}: files in {@code range} (null: all). */
    public static FileEnumerator.Provider provider(ArchiveRange range) {
        ArchiveRange r = range == null ? ArchiveRange.everything() : range;
        return () -> new DropFolderEnumerator(r);
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] roots, int minDesiredSplits)
            throws IOException {
        beginEnumeration();
        List<FileSourceSplit> splits = new ArrayList<>();
        for (Path root : roots) {
            splits.addAll(walkRoot(root.getFileSystem(), root));
        }
        listings = nextListings;
        return splits;
    }

    /** The splits of one root on {@code fs} (new ones only for folders settled before). */
    List<FileSourceSplit> splits(FileSystem fs, Path root) throws IOException {
        beginEnumeration();
        List<FileSourceSplit> splits = walkRoot(fs, root);
        listings = nextListings;
        return splits;
    }

    /**
     * Starts from no kept listings when the last full listing is old, and never from what a failed
     * enumeration recorded (Flink drops its splits, so its listings were not delivered).
     */
    private void beginEnumeration() {
        nextListings = new HashMap<>();
        long now = clock.getAsLong();
        if (lastFullListing == Long.MIN_VALUE
                || now < lastFullListing
                || now - lastFullListing >= FULL_LISTING_MILLIS) {
            listings = new HashMap<>();
            lastFullListing = now;
        }
    }

    private List<FileSourceSplit> walkRoot(FileSystem fs, Path root) throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>();
        walk(fs, fs.getFileStatus(root), new ArrayList<>(), splits);
        return splits;
    }

    private void walk(FileSystem fs, FileStatus dir, List<String> below, List<FileSourceSplit> out)
            throws IOException {
        Listing before = listings.get(dir.getPath());
        if (before != null && before.modificationTime == dir.getModificationTime()) {
            nextListings.put(dir.getPath(), before);
            walkFolders(fs, dir, before.folders, below, out);
            return;
        }
        long listedAt = clock.getAsLong();
        List<String> folders = new ArrayList<>();
        if (list(fs, dir, below, out, folders) && settled(dir, listedAt)) {
            nextListings.put(dir.getPath(), new Listing(dir.getModificationTime(), folders));
        }
    }

    private static boolean settled(FileStatus dir, long listedAt) {
        long modified = dir.getModificationTime();
        return modified > 0 && modified <= listedAt - SETTLED_MILLIS;
    }

    /** The folders of a settled folder as listed before, each as it is now. */
    private void walkFolders(
            FileSystem fs,
            FileStatus dir,
            List<String> folders,
            List<String> below,
            List<FileSourceSplit> out)
            throws IOException {
        for (String name : folders) {
            FileStatus folder;
            try {
                folder = fs.getFileStatus(new Path(dir.getPath(), name));
            } catch (IOException e) {
                // removed since, or unreadable now: list the parent again next time, where an
                // unreadable folder is refused on its own
                nextListings.remove(dir.getPath());
                continue;
            }
            List<String> path = new ArrayList<>(below);
            path.add(name);
            walk(fs, folder, path, out);
        }
    }

    /**
     * Lists {@code dir}: its files become splits, its folders are walked and their names added to
     * {@code folders}. False when the listing cannot be kept (it failed, or a file was left out of
     * the archive range, which a later modification could bring into it).
     */
    private boolean list(
            FileSystem fs,
            FileStatus dir,
            List<String> below,
            List<FileSourceSplit> out,
            List<String> folders)
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
            return false;
        }
        if (children == null) {
            return false;
        }
        boolean whole = true;
        Set<String> seen = new HashSet<>();
        for (FileStatus child : children) {
            if (seen.add(child.getPath().toUri().getPath())) {
                whole &= visit(fs, dir, child, below, out, folders);
            } else {
                refuse(child, below, "listed twice: a name that resolves to another", out);
            }
        }
        return whole;
    }

    /** False for a file left out of the archive range. */
    private boolean visit(
            FileSystem fs,
            FileStatus dir,
            FileStatus child,
            List<String> below,
            List<FileSourceSplit> out,
            List<String> folders)
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
            return true;
        }
        String name = child.getPath().getName();
        if (name.startsWith(".") || name.startsWith("_")) {
            return true; // a rename to a readable name moves the folder's time
        }
        List<String> path = new ArrayList<>(below);
        path.add(name);
        if (!child.isDir()) {
            if (!range.contains(child)) {
                return false;
            }
            DropLayout.Placement placement = DropLayout.place(path);
            out.add(
                    placement.isValid()
                            ? split(String.valueOf(nextId++), child)
                            : refusedSplit(child, placement));
        } else if (path.size() < MAX_LISTED_DEPTH) {
            folders.add(name);
            walk(fs, child, path, out);
        } else {
            refuse(child, path, "a folder " + path.size() + " levels below the drop root", out);
        }
        return true;
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

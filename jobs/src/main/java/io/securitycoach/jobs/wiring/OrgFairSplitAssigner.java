package io.securitycoach.jobs.wiring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;
import org.apache.flink.core.fs.Path;

/**
 * Hands out the vendor files' splits round-robin by drop folder ({@code <root>/<org>/<vendor>/}),
 * instead of first come first served: a reader that asks for work gets the next org's file, so one
 * org's drop of many files does not queue ahead of another org's file. Only the order of reading
 * depends on the folder; which org a record belongs to is decided elsewhere.
 */
public final class OrgFairSplitAssigner implements FileSplitAssigner {
    /** Folder key -> its splits not yet handed out; iteration order is the round-robin order. */
    private final Map<String, Deque<FileSourceSplit>> byFolder = new LinkedHashMap<>();

    public OrgFairSplitAssigner(Collection<FileSourceSplit> splits) {
        addSplits(splits);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        var first = byFolder.entrySet().iterator();
        if (!first.hasNext()) {
            return Optional.empty();
        }
        Map.Entry<String, Deque<FileSourceSplit>> next = first.next();
        first.remove();
        FileSourceSplit split = next.getValue().poll();
        if (!next.getValue().isEmpty()) {
            byFolder.put(next.getKey(), next.getValue()); // to the back of the round
        }
        return Optional.ofNullable(split);
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> splits) {
        for (FileSourceSplit split : splits) {
            byFolder.computeIfAbsent(folderOf(split.path()), k -> new ArrayDeque<>()).add(split);
        }
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        List<FileSourceSplit> all = new ArrayList<>();
        byFolder.values().forEach(all::addAll);
        return all;
    }

    /** The org folder: two levels above the file (its vendor folder's parent). */
    static String folderOf(Path file) {
        Path vendor = file.getParent();
        Path org = vendor == null ? null : vendor.getParent();
        return org == null ? "" : org.toString();
    }
}

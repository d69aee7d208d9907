package io.securitycoach.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.records.RawEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropFolderEnumeratorTest {
    @TempDir java.nio.file.Path dir;

    private void write(String below) throws IOException {
        java.nio.file.Path file = dir.resolve(below);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"user\": \"ann@globex.example\"}\n");
    }

    private Path root() {
        return new Path(dir.toUri());
    }

    @Test
    void readsExactlyTheLayoutAndRefusesEveryOtherFileToTheFolderItSitsIn() throws Exception {
        write("acme/zscaler/a.jsonl");
        write("globex/zscaler/b.jsonl");
        write("acme/zscaler/globex/zscaler/x.jsonl");
        write("acme/stray.jsonl");
        write("loose.jsonl");
        write("ACME/zscaler/c.jsonl");
        write("acme/zscaler/.in-progress.jsonl");
        write("acme/zscaler/_marker");

        Map<String, String> placed = placements(enumerate(new LocalFileSystem()));

        assertThat(placed)
                .containsOnlyKeys(
                        "acme/zscaler/a.jsonl",
                        "globex/zscaler/b.jsonl",
                        "acme/zscaler/globex/zscaler/x.jsonl",
                        "acme/stray.jsonl",
                        "loose.jsonl",
                        "ACME/zscaler/c.jsonl")
                .containsEntry("acme/zscaler/a.jsonl", "acme/zscaler")
                .containsEntry("globex/zscaler/b.jsonl", "globex/zscaler")
                .containsEntry("acme/zscaler/globex/zscaler/x.jsonl", "refused to acme")
                .containsEntry("acme/stray.jsonl", "refused to acme")
                .containsEntry("loose.jsonl", "refused to null")
                .containsEntry("ACME/zscaler/c.jsonl", "refused to null");
    }

    /**
     * As S3A lists a key {@code acme/../globex/zscaler/x.jsonl}: the common prefix {@code acme/../}
     * comes back as a path normalized to the root itself.
     */
    @Test
    void anEntryThatResolvesOutsideTheFolderListedIsRefusedAndNeverDescended() throws Exception {
        write("acme/zscaler/a.jsonl");
        write("globex/zscaler/b.jsonl");
        LocalFileSystem normalizing =
                new LocalFileSystem() {
                    @Override
                    public FileStatus[] listStatus(Path f) throws IOException {
                        FileStatus[] listed = super.listStatus(f);
                        if (!f.getName().equals("acme")) {
                            return listed;
                        }
                        List<FileStatus> all = new ArrayList<>(Arrays.asList(listed));
                        all.add(getFileStatus(new Path(f.toString() + "/..")));
                        all.add(getFileStatus(new Path(f.toString() + "/.")));
                        return all.toArray(new FileStatus[0]);
                    }
                };

        List<FileSourceSplit> splits = enumerate(normalizing);
        Map<String, String> placed = placements(splits);

        assertThat(splits)
                .filteredOn(s -> s.path().getName().equals("b.jsonl"))
                .as("globex's file is listed once, from globex's own folder")
                .hasSize(1);
        assertThat(placed.get("globex/zscaler/b.jsonl")).isEqualTo("globex/zscaler");
        assertThat(placed.get("")).isEqualTo("refused to acme");
        assertThat(placed.get("acme")).isEqualTo("refused to acme");
        assertThat(splits)
                .filteredOn(s -> DropSplits.refusal(s.splitId()) != null)
                .extracting(s -> DropSplits.refusal(s.splitId()).problem)
                .hasSize(2)
                .allMatch(p -> p.startsWith("listed in ") && p.contains("'..'"));
    }

    @Test
    void theReaderEmitsOneRecordForARefusedFileWithoutOpeningIt() throws Exception {
        write("acme/zscaler/globex/zscaler/x.jsonl");
        VendorFileFormat format = new VendorFileFormat(1000, List.of(dir.toUri().toString()));
        FileSourceSplit refused = enumerate(new LocalFileSystem()).get(0);
        Files.delete(dir.resolve("acme/zscaler/globex/zscaler/x.jsonl"));

        List<RawEvent> records = read(format, refused);

        assertThat(records).hasSize(1);
        RawEvent r = records.get(0);
        assertThat(r.orgId).isEqualTo("acme");
        assertThat(r.vendor).isNull();
        assertThat(r.payload).isEmpty();
        assertThat(r.origin).endsWith("acme/zscaler/globex/zscaler/x.jsonl");
        assertThat(r.rejectedMessage).contains("5 levels below the drop root");
    }

    @Test
    void theReaderChecksTheLayoutOfAnySplitItIsGiven() throws Exception {
        write("acme/zscaler/globex/zscaler/x.jsonl");
        java.nio.file.Path file = dir.resolve("acme/zscaler/globex/zscaler/x.jsonl");
        FileSourceSplit plain =
                new FileSourceSplit("0", new Path(file.toUri()), 0, Files.size(file), 0, 1);
        VendorFileFormat format = new VendorFileFormat(1000, List.of(dir.toUri().toString()));

        List<RawEvent> records = read(format, plain);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).orgId).isEqualTo("acme");
        assertThat(records.get(0).rejectedMessage).contains("5 levels below");
    }

    @Test
    void aRootGivenAsARelativePathPlacesItsFilesToo() throws Exception {
        write("acme/zscaler/a.jsonl");
        String relative = Paths.get("").toAbsolutePath().relativize(dir).toString();
        List<FileSourceSplit> splits =
                new ArrayList<>(
                        new DropFolderEnumerator(ArchiveRange.everything())
                                .enumerateSplits(new Path[] {new Path(relative)}, 1));
        VendorFileFormat format = new VendorFileFormat(1000, List.of(relative));

        assertThat(splits).hasSize(1);
        assertThat(describe(format, splits.get(0))).isEqualTo("acme/zscaler");
        assertThat(read(format, splits.get(0))).extracting(r -> r.orgId).containsExactly("acme");
    }

    /** Lists counted by folder below the root ("" for the root). */
    private final class CountingFileSystem extends LocalFileSystem {
        final Map<String, Integer> lists = new HashMap<>();

        @Override
        public FileStatus[] listStatus(Path f) throws IOException {
            String below = dir.relativize(Paths.get(f.toUri())).toString();
            lists.merge(below, 1, Integer::sum);
            return super.listStatus(f);
        }
    }

    private void setFolderTimes(long millis, String... folders) throws IOException {
        for (String folder : folders) {
            Files.setLastModifiedTime(dir.resolve(folder), FileTime.fromMillis(millis));
        }
    }

    private static List<String> names(List<FileSourceSplit> splits) {
        return splits.stream().map(s -> s.path().getName()).collect(Collectors.toList());
    }

    /**
     * A folder unchanged since a settled listing is not listed again, its sub-folders still are
     * visited; a file added moves its folder's time and is found on the next enumeration.
     */
    @Test
    void aSettledFolderIsListedAgainOnlyWhenItsTimeMoves() throws Exception {
        write("acme/zscaler/a.jsonl");
        write("globex/okta/b.jsonl");
        long then = 1_700_000_000_000L;
        setFolderTimes(then, "", "acme", "acme/zscaler", "globex", "globex/okta");
        long[] now = {then + DropFolderEnumerator.SETTLED_MILLIS};
        DropFolderEnumerator enumerator =
                new DropFolderEnumerator(ArchiveRange.everything(), () -> now[0]);
        CountingFileSystem fs = new CountingFileSystem();

        assertThat(names(enumerator.splits(fs, root())))
                .containsExactlyInAnyOrder("a.jsonl", "b.jsonl");
        assertThat(names(enumerator.splits(fs, root()))).isEmpty();
        assertThat(fs.lists)
                .as("each folder listed once")
                .containsOnly(
                        Map.entry("", 1),
                        Map.entry("acme", 1),
                        Map.entry("acme/zscaler", 1),
                        Map.entry("globex", 1),
                        Map.entry("globex/okta", 1));

        write("acme/zscaler/c.jsonl"); // moves acme/zscaler's time to the file system's now
        now[0] += 1_000;
        assertThat(names(enumerator.splits(fs, root()))).containsExactly("a.jsonl", "c.jsonl");
        assertThat(fs.lists.get("acme/zscaler")).isEqualTo(2);
        assertThat(fs.lists.get("globex/okta")).isEqualTo(1);
    }

    /**
     * A file added where the folder's time does not move (a mount that keeps folder times, an
     * archive extracted with its dates) is found by the next full listing, not lost.
     */
    @Test
    void everyFolderIsListedAgainAfterTheFullListingInterval() throws Exception {
        write("acme/zscaler/a.jsonl");
        long then = 1_700_000_000_000L;
        setFolderTimes(then, "", "acme", "acme/zscaler");
        long[] now = {then + DropFolderEnumerator.SETTLED_MILLIS};
        DropFolderEnumerator enumerator =
                new DropFolderEnumerator(ArchiveRange.everything(), () -> now[0]);
        CountingFileSystem fs = new CountingFileSystem();
        enumerator.splits(fs, root());

        write("acme/zscaler/b.jsonl");
        setFolderTimes(then, "acme/zscaler"); // the folder's time set back
        now[0] += 1_000;
        assertThat(names(enumerator.splits(fs, root()))).isEmpty();
        now[0] += DropFolderEnumerator.FULL_LISTING_MILLIS;
        assertThat(names(enumerator.splits(fs, root()))).contains("b.jsonl");
    }

    /** Changed within the settling time of the listing: a change in the same tick could follow. */
    @Test
    void aFolderChangedJustBeforeItsListingIsListedAgain() throws Exception {
        write("acme/zscaler/a.jsonl");
        long then = 1_700_000_000_000L;
        setFolderTimes(then, "", "acme", "acme/zscaler");
        DropFolderEnumerator enumerator =
                new DropFolderEnumerator(
                        ArchiveRange.everything(),
                        () -> then + DropFolderEnumerator.SETTLED_MILLIS - 1);
        CountingFileSystem fs = new CountingFileSystem();

        enumerator.splits(fs, root());
        enumerator.splits(fs, root());
        assertThat(fs.lists).containsEntry("acme/zscaler", 2).containsEntry("", 2);
    }

    /**
     * A file outside the archive range could enter it when modified: its folder is listed again.
     */
    @Test
    void aFolderWithAFileOutsideTheRangeIsListedEveryTime() throws Exception {
        write("acme/zscaler/a.jsonl");
        write("acme/zscaler/b.jsonl");
        long then = 1_700_000_000_000L;
        Files.setLastModifiedTime(dir.resolve("acme/zscaler/a.jsonl"), FileTime.fromMillis(then));
        Files.setLastModifiedTime(
                dir.resolve("acme/zscaler/b.jsonl"), FileTime.fromMillis(then - 60_000));
        setFolderTimes(then, "", "acme", "acme/zscaler");
        DropFolderEnumerator enumerator =
                new DropFolderEnumerator(
                        new ArchiveRange(then - 1, Long.MAX_VALUE),
                        () -> then + DropFolderEnumerator.SETTLED_MILLIS);
        CountingFileSystem fs = new CountingFileSystem();

        assertThat(names(enumerator.splits(fs, root()))).containsExactly("a.jsonl");
        enumerator.splits(fs, root());
        assertThat(fs.lists).containsEntry("acme/zscaler", 2).containsEntry("acme", 1);
    }

    private List<FileSourceSplit> enumerate(LocalFileSystem fs) throws IOException {
        return new DropFolderEnumerator(ArchiveRange.everything()).splits(fs, root());
    }

    /** Path below the root -> "org/vendor" or "refused to ORG". */
    private Map<String, String> placements(List<FileSourceSplit> splits) throws IOException {
        VendorFileFormat format = new VendorFileFormat(1000, List.of(dir.toUri().toString()));
        String rootPath = root().toUri().getPath();
        String prefix = rootPath.endsWith("/") ? rootPath : rootPath + "/";
        return splits.stream()
                .collect(
                        Collectors.toMap(
                                s -> {
                                    String p = s.path().toUri().getPath();
                                    return p.length() <= prefix.length()
                                            ? ""
                                            : p.substring(prefix.length());
                                },
                                s -> describe(format, s)));
    }

    private static String describe(VendorFileFormat format, FileSourceSplit split) {
        try {
            DropLayout.Placement p = format.placement(split);
            return p.isValid() ? p.org + "/" + p.vendor : "refused to " + p.folderOrg;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<RawEvent> read(VendorFileFormat format, FileSourceSplit split)
            throws IOException {
        BulkFormat.Reader<RawEvent> reader = format.createReader(new Configuration(), split);
        List<RawEvent> out = new ArrayList<>();
        BulkFormat.RecordIterator<RawEvent> batch;
        while ((batch = reader.readBatch()) != null) {
            var r = batch.next();
            while (r != null) {
                out.add(r.getRecord());
                r = batch.next();
            }
            batch.releaseBatch();
        }
        reader.close();
        return out;
    }
}

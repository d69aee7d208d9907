package io.securitycoach.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.io.ArchiveRange;
import io.securitycoach.io.DropFolderEnumerator;
import io.securitycoach.io.DropLayout;
import io.securitycoach.io.VendorFileFormat;
import io.securitycoach.normalize.parsers.ParserCompiler;
import io.securitycoach.schema.OrgIds;
import io.securitycoach.testing.ObjectKeysFileSystem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

/**
 * Generated drop keys, as tenants could write them to an object store (any depth, any mix of plain
 * names and traversal, encoded, backslashed or invalid names): listed by the drop enumerator and
 * placed as the reader places them, a file is only ever its exact-depth org's, only a key of plain
 * segments at exactly {@code <org>/<vendor>/<file>} is read, each such key is read exactly once,
 * and every other entry is refused to the org folder it was listed in (never another org).
 */
class DropPathFuzzTest {
    private static final int TRIES = 400;
    private static final String[] ORGS = {"acme", "globex", "initech"};
    private static final String[] PLAIN = {
        "zscaler", "okta", "x.jsonl", "day.jsonl.gz", "web-feed"
    };
    private static final String[] HOSTILE = {
        "..",
        ".",
        "",
        "%2e%2e",
        "%2E%2e",
        ".%2e",
        "%2e",
        "%2f",
        "..%2f",
        "%252e%252e",
        "a%5cb",
        "..\\..",
        "zscaler\\..\\..\\globex",
        "\\",
        "ACME",
        "Globex",
        "acme corp",
        "-acme",
        "a\u0000b",
        ".hidden",
        "_marker",
        "org_1",
        "%00"
    };
    private static final Pattern PLAIN_SEGMENT = Pattern.compile("[^\\\\%\\x00-\\x1f]+");

    @Test
    void noGeneratedKeyIsEverReadAsAnotherOrgsOrPastATraversal() throws Exception {
        Random random = new Random(28);
        int read = 0;
        int refused = 0;
        for (int i = 0; i < TRIES; i++) {
            String bucket = "fuzz-" + i;
            List<String> keys = new ArrayList<>();
            for (int k = 0, n = 1 + random.nextInt(6); k < n; k++) {
                String key = key(random);
                keys.add(key);
                ObjectKeysFileSystem.put(bucket, "in/" + key, key.getBytes(StandardCharsets.UTF_8));
            }
            int[] counts = check(bucket, keys);
            read += counts[0];
            refused += counts[1];
        }
        assertThat(read).as("some generated keys are valid drops").isGreaterThan(100);
        assertThat(refused).as("and many are not").isGreaterThan(100);
    }

    /** {files read, entries refused} for one bucket's keys. */
    private static int[] check(String bucket, List<String> keys) throws Exception {
        String root = ObjectKeysFileSystem.SCHEME + "://" + bucket + "/in";
        Collection<FileSourceSplit> splits =
                new DropFolderEnumerator(ArchiveRange.everything())
                        .enumerateSplits(new Path[] {new Path(root)}, 1);
        VendorFileFormat reader = new VendorFileFormat(1000, List.of(root));
        Map<String, Integer> readKeys = new HashMap<>();
        int refused = 0;
        for (FileSourceSplit split : splits) {
            DropLayout.Placement placed = reader.placement(split);
            String below = below(split.path(), bucket);
            if (placed.isValid()) {
                assertThat(keys).as("%s read from %s", below, keys).contains(below);
                String[] segments = below.split("/", -1);
                assertThat(isExactDrop(segments)).as(below).isTrue();
                assertThat(placed.org).as(below).isEqualTo(segments[0]);
                assertThat(placed.vendor).as(below).isEqualTo(segments[1]);
                readKeys.merge(below, 1, Integer::sum);
            } else {
                refused++;
                assertThat(placed.folderOrg == null || OrgIds.isValid(placed.folderOrg)).isTrue();
                if (placed.folderOrg != null) {
                    assertThat(keys)
                            .as("refused to %s for %s in %s", placed.folderOrg, below, keys)
                            .anyMatch(k -> k.startsWith(placed.folderOrg + "/"));
                }
            }
        }
        for (String key : keys) {
            String[] segments = key.split("/", -1);
            boolean shown = isExactDrop(segments) && !hidden(segments[2]);
            // a key that is also another key's folder is listed twice; the second is refused
            boolean alsoAFile = keys.stream().anyMatch(o -> key.startsWith(o + "/"));
            int times = readKeys.getOrDefault(key, 0);
            assertThat(times)
                    .as("times %s was read of %s", key, keys)
                    .isBetween(shown && !alsoAFile ? 1 : 0, shown ? 1 : 0);
        }
        return new int[] {readKeys.size(), refused};
    }

    /** Exactly org/vendor/file, each a plain name, the org and the vendor valid. */
    private static boolean isExactDrop(String[] segments) {
        if (segments.length != DropLayout.DEPTH
                || !OrgIds.isValid(segments[0])
                || !ParserCompiler.isValidName(segments[1])) {
            return false;
        }
        for (String s : segments) {
            if (s.equals(".") || s.equals("..") || !PLAIN_SEGMENT.matcher(s).matches()) {
                return false;
            }
        }
        return !hidden(segments[0]) && !hidden(segments[1]);
    }

    private static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    private static String below(Path path, String bucket) {
        String p = path.toUri().getPath();
        return p.startsWith("/in/") ? p.substring(4) : p.equals("/in") ? "" : p;
    }

    /** 1 to 7 segments, mostly plain names, some hostile; sometimes the org the key starts with. */
    private static String key(Random random) {
        int depth = 1 + random.nextInt(7);
        if (random.nextInt(3) == 0) {
            depth = DropLayout.DEPTH;
        }
        List<String> segments = new ArrayList<>();
        for (int d = 0; d < depth; d++) {
            int roll = random.nextInt(10);
            if (roll < 3 || d == 0 && roll < 7) {
                segments.add(ORGS[random.nextInt(ORGS.length)]);
            } else if (roll < 7) {
                segments.add(PLAIN[random.nextInt(PLAIN.length)]);
            } else {
                segments.add(HOSTILE[random.nextInt(HOSTILE.length)]);
            }
        }
        String key = String.join("/", segments);
        return key.isEmpty() ? "x.jsonl" : key;
    }
}

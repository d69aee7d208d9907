package io.securitycoach.testing;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.core.fs.BlockLocation;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystemFactory;
import org.apache.flink.core.fs.FileSystemKind;
import org.apache.flink.core.fs.Path;

/**
 * An in-memory object store ({@code keys://bucket/key}) that lists as S3A does: keys are flat
 * strings that may hold {@code ..}, {@code .} or backslashes, a listing returns the next segment of
 * each key below the prefix (a folder where more follows), and every listed path is made with
 * {@code new Path(String)}, which normalizes those segments away. Objects are read by the
 * normalized path's key, as S3A reads them.
 */
public final class ObjectKeysFileSystem extends FileSystem {
    public static final String SCHEME = "keys";

    /** "bucket/key" -> content; shared by the test and the MiniCluster in the same JVM. */
    private static final Map<String, byte[]> OBJECTS = new ConcurrentHashMap<>();

    private final String bucket;

    private ObjectKeysFileSystem(String bucket) {
        this.bucket = bucket;
    }

    /** The bucket's filesystem, as {@code keys://bucket/} resolves to. */
    public static ObjectKeysFileSystem of(String bucket) {
        return new ObjectKeysFileSystem(bucket);
    }

    public static void put(String bucket, String key, byte[] content) {
        OBJECTS.put(bucket + "/" + key, content);
    }

    /** The service-loaded factory (META-INF/services in the test resources). */
    public static final class Factory implements FileSystemFactory {
        @Override
        public String getScheme() {
            return SCHEME;
        }

        @Override
        public FileSystem create(URI uri) {
            return new ObjectKeysFileSystem(uri.getAuthority());
        }
    }

    private static String key(Path path) {
        String p = path.toUri().getPath();
        return p.startsWith("/") ? p.substring(1) : p;
    }

    private Path pathOf(String key) {
        return new Path(SCHEME + "://" + bucket + "/" + key);
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        String key = key(f);
        byte[] object = OBJECTS.get(bucket + "/" + key);
        if (object != null) {
            return new Status(f, object.length, false);
        }
        String prefix = bucket + "/" + (key.isEmpty() ? "" : key + "/");
        if (OBJECTS.keySet().stream().anyMatch(k -> k.startsWith(prefix))) {
            return new Status(f, 0, true);
        }
        throw new FileNotFoundException(f.toString());
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        String dir = key(f);
        String prefix = dir.isEmpty() ? "" : dir + "/";
        Set<String> files = new LinkedHashSet<>();
        Set<String> folders = new LinkedHashSet<>();
        for (String k : OBJECTS.keySet()) {
            if (!k.startsWith(bucket + "/" + prefix)) {
                continue;
            }
            String rest = k.substring(bucket.length() + 1 + prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                files.add(prefix + rest);
            } else {
                folders.add(prefix + rest.substring(0, slash));
            }
        }
        List<FileStatus> out = new ArrayList<>();
        for (String file : files) {
            out.add(new Status(pathOf(file), OBJECTS.get(bucket + "/" + file).length, false));
        }
        for (String folder : folders) {
            out.add(new Status(pathOf(folder), 0, true));
        }
        return out.toArray(new FileStatus[0]);
    }

    @Override
    public FSDataInputStream open(Path f) throws IOException {
        byte[] object = OBJECTS.get(bucket + "/" + key(f));
        if (object == null) {
            throw new FileNotFoundException(f.toString());
        }
        ByteArrayInputStream in = new ByteArrayInputStream(object);
        return new FSDataInputStream() {
            @Override
            public void seek(long desired) {
                in.reset();
                in.skip(desired);
            }

            @Override
            public long getPos() {
                return object.length - in.available();
            }

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }
        };
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        return open(f);
    }

    @Override
    public Path getWorkingDirectory() {
        return pathOf("");
    }

    @Override
    public Path getHomeDirectory() {
        return pathOf("");
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + "://" + bucket + "/");
    }

    @Override
    public BlockLocation[] getFileBlockLocations(FileStatus file, long start, long len) {
        return new BlockLocation[0];
    }

    @Override
    public boolean delete(Path f, boolean recursive) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean mkdirs(Path f) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public FSDataOutputStream create(Path f, WriteMode overwrite) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean rename(Path src, Path dst) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean isDistributedFS() {
        return true;
    }

    @Override
    @SuppressWarnings("deprecation") // an abstract method Flink still calls: S3A says OBJECT_STORE
    public FileSystemKind getKind() {
        return FileSystemKind.OBJECT_STORE;
    }

    private static final class Status implements FileStatus {
        private final Path path;
        private final long len;
        private final boolean dir;

        Status(Path path, long len, boolean dir) {
            this.path = path;
            this.len = len;
            this.dir = dir;
        }

        @Override
        public long getLen() {
            return len;
        }

        @Override
        public long getBlockSize() {
            return len;
        }

        @Override
        public short getReplication() {
            return 1;
        }

        @Override
        public long getModificationTime() {
            return 0;
        }

        @Override
        public long getAccessTime() {
            return 0;
        }

        @Override
        public boolean isDir() {
            return dir;
        }

        @Override
        public Path getPath() {
            return path;
        }
    }
}

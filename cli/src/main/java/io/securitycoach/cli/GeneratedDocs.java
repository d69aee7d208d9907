package io.securitycoach.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The generated documents (schema, configuration reference): printed, or written where asked. */
final class GeneratedDocs {
    private GeneratedDocs() {}

    static int printOrWrite(String markdown, Path write) throws IOException {
        if (write == null) {
            System.out.print(markdown);
            return 0;
        }
        Path parent = write.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(write, markdown);
        System.out.println("wrote " + write);
        return 0;
    }
}

package io.securitycoach.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.securitycoach.normalize.parsers.ParserLibrary;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/** The normalization benchmark measures every configuration the library ships. */
class NormalizationBenchmarkTest {
    @Test
    void everyLibraryConfigurationIsAVendorOfTheBenchmark() throws Exception {
        List<String> measured =
                Arrays.asList(
                        NormalizationBenchmark.class
                                .getField("vendor")
                                .getAnnotation(Param.class)
                                .value());
        Path library = Paths.get("..", "parsers-library");
        List<String> shipped =
                ParserLibrary.vendors(library).stream()
                        .map(p -> p.getFileName().toString())
                        .collect(Collectors.toList());
        assertThat(shipped).hasSizeGreaterThanOrEqualTo(12);
        assertThat(measured).containsAll(shipped);
    }
}

package io.securitycoach.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HashesTest {
    /** FIPS 180-2's example: SHA-256 of "abc". */
    private static final String ABC =
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hashesTheUtf8TextAndKeepsTheFirstBytes() {
        assertEquals(ABC, Hashes.sha256Hex("abc", 32));
        assertEquals(ABC.substring(0, 40), Hashes.sha256Hex("abc", 20));
    }

    @Test
    void aPrefixedHashIsThePrefixThenTheHex() {
        assertEquals("okta:" + ABC.substring(0, 40), Hashes.sha256Hex("okta:", "abc", 20));
        assertEquals(ABC, Hashes.sha256Hex("", "abc", 32));
    }

    @Test
    void aReusedDigestStartsCleanForEveryText() {
        String first = Hashes.sha256Hex("record one", 20);
        Hashes.sha256Hex("something else entirely", 20);
        assertEquals(first, Hashes.sha256Hex("record one", 20));
        assertEquals(ABC, Hashes.sha256Hex("abc", 32));
    }

    @Test
    void everyThreadHashesAlike() throws Exception {
        String here = Hashes.sha256Hex("caf\u00e9 \uD83D\uDE00", 20);
        String there =
                CompletableFuture.supplyAsync(() -> Hashes.sha256Hex("caf\u00e9 \uD83D\uDE00", 20))
                        .get();
        assertEquals(here, there);
    }
}

package io.securitycoach.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextPlacesTest {
    private static final String TEXT =
            "parser: feed\n"
                    + "fields:\n"
                    + "  app:\n"
                    + "    path: x\n"
                    + "    transform: [trim, {map: {a: b}}, lower]\n";

    @Test
    void placesEachProblemAtItsPathOrItsClosestParent() {
        List<Problem> placed =
                TextPlaces.place(
                        List.of(
                                Problem.at("fields.app.path", "bad path"),
                                Problem.at("fields.app.transform[1]", "bad step"),
                                Problem.at("fields.app.format", "missing"),
                                Problem.at("version", "required"),
                                Problem.of("too long")),
                        TEXT,
                        "acme/feed.yaml");
        assertThat(Problems.messages(placed))
                .containsExactly(
                        "acme/feed.yaml: fields.app.path at 4:5: bad path",
                        "acme/feed.yaml: fields.app.transform[1] at 5:23: bad step",
                        "acme/feed.yaml: fields.app.format at 3:3: missing",
                        "acme/feed.yaml: version: required",
                        "acme/feed.yaml: too long");
    }

    @Test
    void anUnreadableTextStillNamesTheSource() {
        assertThat(TextPlaces.place(List.of(Problem.at("a", "m")), "a: [unclosed", "s"))
                .extracting(Problem::toString)
                .containsExactly("s: a at 1:1: m");
        assertThat(TextPlaces.place(List.of(Problem.at("b", "m")), ": : :", "s"))
                .extracting(Problem::toString)
                .containsExactly("s: b: m");
    }
}

package io.securitycoach.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {
    @Test
    void rendersSourcePathPlaceAndMessageWhereKnown() {
        assertThat(Problem.at("threshold.count", "expected an integer"))
                .hasToString("threshold.count: expected an integer");
        assertThat(Problem.at("when", 2, 7, "undeclared reference"))
                .hasToString("when at 2:7: undeclared reference");
        assertThat(Problem.at("fields.app", 3, 5, "unknown key").in("acme/feed.yaml"))
                .hasToString("acme/feed.yaml: fields.app at 3:5: unknown key");
        assertThat(Problem.of("not valid YAML/JSON at 1:2: bad").in("feed.yaml"))
                .hasToString("feed.yaml: not valid YAML/JSON at 1:2: bad");
        assertThat(Problem.of("unknown property group 'X'"))
                .hasToString("unknown property group 'X'");
    }

    @Test
    void aPlaceIsKeptOnlyWhenItIsKnown() {
        Problem unplaced = Problem.at("version", 0, 9, "missing");
        assertThat(unplaced.hasLocation()).isFalse();
        assertThat(unplaced.column).as("no column without a line").isZero();
        assertThat(unplaced.locatedAt(0, 4)).isSameAs(unplaced);
        Problem placed = unplaced.locatedAt(4, 1);
        assertThat(placed.line).isEqualTo(4);
        assertThat(placed.column).isEqualTo(1);
        assertThat(placed).hasToString("version at 4:1: missing");
    }

    @Test
    void equalWhenEveryPartIsEqual() {
        assertThat(Problem.at("a", 1, 2, "m").in("s"))
                .isEqualTo(Problem.at("a", 1, 2, "m").in("s"))
                .hasSameHashCodeAs(Problem.at("a", 1, 2, "m").in("s"));
        assertThat(Problem.at("a", "m")).isNotEqualTo(Problem.at("a", "m").in("s"));
        assertThat(Problem.at("a", "m")).isNotEqualTo(Problem.at("b", "m"));
    }

    @Test
    void theCollectorKeepsTheOrderFoundAndTheExceptionJoinsThem() {
        Problems problems =
                new Problems().add("id", "missing").add("when", 1, 3, "bad").addGeneral("too long");
        assertThat(problems.size()).isEqualTo(3);
        assertThat(problems.messages())
                .containsExactly("id: missing", "when at 1:3: bad", "too long");
        assertThat(problems).hasToString("id: missing; when at 1:3: bad; too long");
        ValidationException e = new ValidationException(problems.list());
        assertThat(e).hasMessage("id: missing; when at 1:3: bad; too long");
        assertThat(e.problems()).isEqualTo(problems.list());
        assertThat(e.messages()).isEqualTo(problems.messages());
        assertThat(e.getStackTrace()).as("an answer to bad input, not a fault").isEmpty();
        assertThat(new Problems().isEmpty()).isTrue();
        assertThat(Problems.messages(List.of())).isEmpty();
    }
}

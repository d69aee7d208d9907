package io.securitycoach.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code event} and {@code user} maps rules read: every schema field, each read when asked. */
class RecordValueTest {
    private static SecurityEvent event() {
        SecurityEvent e = new SecurityEvent();
        e.eventClass = "web";
        e.eventTime = 1_772_701_200_000L;
        e.url = "x".repeat(RuleValues.MAX_STRING_CHARS + 10);
        return e;
    }

    @Test
    void everySchemaFieldIsThereWithItsDefaultWhenAbsent() {
        Map<String, Object> value = EventSchema.eventValue(event());

        assertThat(value).hasSize(EventSchema.eventFieldNames().size());
        assertThat(value.keySet())
                .as("schema order")
                .containsExactlyElementsOf(EventSchema.eventFieldNames());
        assertThat(value.get("class")).isEqualTo("web");
        assertThat(value.get("event_time")).isEqualTo(1_772_701_200_000L);
        assertThat(value.get("app")).as("absent text").isEqualTo("");
        assertThat((String) value.get("url")).hasSize(RuleValues.MAX_STRING_CHARS);
        assertThat(value.get("no_such_field")).isNull();
        assertThat(value.containsKey("no_such_field")).isFalse();
        assertThat(value.containsKey("app")).isTrue();
    }

    @Test
    void aFieldIsReadFromTheEventWhenFirstAskedAndThenKept() {
        SecurityEvent e = event();
        Map<String, Object> value = EventSchema.eventValue(e);
        assertThat(value.get("class")).isEqualTo("web");

        e.eventClass = "auth";
        e.app = "Slack";

        assertThat(value.get("class")).as("read once").isEqualTo("web");
        assertThat(value.get("app")).as("not read before").isEqualTo("Slack");
    }

    @Test
    void itEqualsTheMapOfAllItsFields() {
        Map<String, Object> value = EventSchema.eventValue(event());
        Map<String, Object> copy = Map.copyOf(value);

        assertThat(value).isEqualTo(copy);
        assertThat(copy).isEqualTo(value);
        assertThat(value.hashCode()).isEqualTo(copy.hashCode());
    }

    @Test
    void aKnownUsersFieldsAreReadTheSameWay() {
        UserProfile u = new UserProfile();
        u.department = "Finance";
        u.tags = new String[] {"vip"};
        Map<String, Object> value = EventSchema.userValue(u);

        assertThat(value.get("department")).isEqualTo("Finance");
        assertThat(value.get("title")).isEqualTo("");
        assertThat(value.get("tags")).isEqualTo(List.of("vip"));
        assertThat(value.keySet()).isEqualTo(EventSchema.userValue(null).keySet());
    }
}

package io.securitycoach.coaching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelNameTest {
    @Test
    void everyChannelIsKnownByItsId() {
        assertThat(ChannelName.ids()).containsExactly("slack", "teams", "webhook");
        assertThat(ChannelName.ids()).hasToString("[slack, teams, webhook]");
        for (ChannelName c : ChannelName.values()) {
            assertThat(ChannelName.byId(c.id())).contains(c);
            assertThat(ChannelName.isKnown(c.id())).isTrue();
            assertThat(c.is(c.id())).isTrue();
        }
        assertThat(ChannelName.byId("pager")).isEmpty();
        assertThat(ChannelName.isKnown("Slack")).as("names are exact").isFalse();
        assertThat(ChannelName.WEBHOOK.is(null)).isFalse();
    }
}

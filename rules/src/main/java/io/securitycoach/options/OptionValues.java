package io.securitycoach.options;

import java.util.Optional;

/**
 * Where options get their values: the job's configuration, or nothing at all ({@link #defaults()}),
 * so a settings object built from nothing holds exactly the declared defaults.
 */
@FunctionalInterface
public interface OptionValues {
    /** The text given for {@code option}; null when it is not set. */
    String given(Option<?> option);

    /** Nothing set: every option has its declared default. */
    static OptionValues defaults() {
        return option -> null;
    }

    default boolean isSet(Option<?> option) {
        return given(option) != null;
    }

    /** The value given, else the default; null when neither (a list option: empty). */
    default <T> T get(Option<T> option) {
        String text = given(option);
        return text != null ? option.parse(text) : option.defaultValue();
    }

    /** {@link #get}, empty instead of null. */
    default <T> Optional<T> getOptional(Option<T> option) {
        return Optional.ofNullable(get(option));
    }
}

package kz.gov.safework.hub;

import org.apache.camel.CamelContext;

/** Reads configuration keys through Camel's properties (file, then -D and environment overrides). */
final class Settings {
    private final CamelContext context;

    Settings(CamelContext context) {
        this.context = context;
    }

    /** The value, or "" when the key is empty or absent (Camel treats an empty value as absent). */
    String get(String key) {
        return context.getPropertiesComponent().resolveProperty(key).orElse("").trim();
    }

    private String required(String key) {
        String value = get(key);
        if (value.isEmpty()) {
            throw new IllegalStateException("Missing configuration key " + key);
        }
        return value;
    }

    int getInt(String key) {
        return Integer.parseInt(required(key));
    }

    long getLong(String key) {
        return Long.parseLong(required(key));
    }

    /** ISO-8601 ({@code PT5M}) or a number of milliseconds. */
    java.time.Duration getDuration(String key) {
        String value = required(key);
        try {
            return value.chars().allMatch(Character::isDigit) ? java.time.Duration.ofMillis(Long.parseLong(value))
                    : java.time.Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalStateException(key + "=" + value + " is neither ISO-8601 (PT5M) nor milliseconds", e);
        }
    }

    boolean getBoolean(String key) {
        return Boolean.parseBoolean(required(key));
    }
}

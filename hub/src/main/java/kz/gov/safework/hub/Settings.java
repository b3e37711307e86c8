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

    boolean getBoolean(String key) {
        return Boolean.parseBoolean(required(key));
    }
}

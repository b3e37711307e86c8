package kz.gov.safework.hub;

import org.apache.camel.CamelContext;

/** Reads configuration keys through Camel's properties (file, then -D and environment overrides). */
final class Settings {
    private final CamelContext context;

    Settings(CamelContext context) {
        this.context = context;
    }

    String get(String key) {
        return context.getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("Missing configuration key " + key)).trim();
    }

    int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    long getLong(String key) {
        return Long.parseLong(get(key));
    }

    boolean getBoolean(String key) {
        return Boolean.parseBoolean(get(key));
    }
}

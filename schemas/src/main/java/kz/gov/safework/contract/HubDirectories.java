package kz.gov.safework.contract;

/** The keys of the two folders every module resolves its files against (part of the configuration contract). */
public final class HubDirectories {
    /** Configuration: reference data, credentials, keys; relative paths in settings are resolved against it. */
    public static final String CONFIG_DIR_KEY = "hub.config-dir";
    /** What the hub writes: database, broker journal, SFTP homes, message log. */
    public static final String DATA_DIR_KEY = "hub.data-dir";

    private HubDirectories() {
    }
}

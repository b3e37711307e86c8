package kz.gov.safework.contract.envelope;

import java.util.Locale;

/** The transport a document came in on; receipts go back the same way. */
public enum Channel {
    JMS, SFTP, SFTP_REMOTE, MAIL, HTTP;

    /** The lower-case name used in receipts, headers and queue names (e.g. {@code sftp-remote}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Channel fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}

package kz.gov.safework.connectors.sftp;

/** Header hygiene shared by the SFTP routes. */
final class Headers {
    /**
     * Headers dropped right after every consumer: anything starting with "camel" in any case, or "mail."
     * (Camel 4.18's header filters can be bypassed with case variants; see DESIGN.md §5).
     */
    static final String UNTRUSTED = "(?i)(camel|mail\\.).*";

    private Headers() {
    }
}

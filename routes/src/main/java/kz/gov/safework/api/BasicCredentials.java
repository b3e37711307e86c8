package kz.gov.safework.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** A login and password from an HTTP {@code Authorization: Basic …} header. */
public record BasicCredentials(String login, String password) {

    /** Empty when the header is absent, not Basic, not Base64 or has no colon. */
    public static Optional<BasicCredentials> parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** The header value for these credentials (for clients and tests). */
    public String header() {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + login + "]";
    }
}

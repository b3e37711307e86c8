package kz.gov.safework.connectors.mail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import kz.gov.safework.contract.reference.Agency;

/**
 * Decides whether a mail's {@code From:} address is proven, not merely claimed. Evidence is only what the
 * trusted receiving mail server wrote: {@code Authentication-Results} headers whose authserv-id is
 * {@code trustedAuthservId} (every other such header is ignored, whoever wrote it). One of these, with result
 * {@code pass}, proves the sender:
 * <ul>
 * <li>{@code dkim}, its {@code header.d} the From address's domain;</li>
 * <li>{@code spf}, the domain of its {@code smtp.mailfrom} the From address's domain;</li>
 * <li>{@code dmarc}, its {@code header.from} the From address's domain;</li>
 * <li>{@code auth} (SMTP AUTH on the receiving server), its {@code smtp.auth} the agency's login or the From
 * address itself: this is how the embedded demo server vouches for its users.</li>
 * </ul>
 * Domains must be equal (strict alignment): a signature by a parent domain proves nothing about a subdomain.
 * The receiving server must strip headers carrying its authserv-id from arriving mail (RFC 8601, section 5);
 * the embedded server does, see {@link EmbeddedMailServer}.
 */
public final class SenderAuthentication {
    private final String trustedAuthservId;

    public SenderAuthentication(String trustedAuthservId) {
        this.trustedAuthservId = trustedAuthservId == null ? "" : trustedAuthservId.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * What proved that {@code from} (an address of {@code agency}) sent the mail, e.g. {@code dkim header.d=agency.kz};
     * empty when nothing did.
     */
    public Optional<String> proof(List<String> authenticationResults, String from, Agency agency) {
        if (trustedAuthservId.isEmpty() || from == null || agency == null) {
            return Optional.empty();
        }
        String domain = domainOf(from);
        for (String header : authenticationResults) {
            Optional<AuthenticationResults> parsed = AuthenticationResults.parse(header);
            if (parsed.isEmpty() || !parsed.get().authservId().equals(trustedAuthservId)) {
                continue;
            }
            for (AuthenticationResults.Result r : parsed.get().results()) {
                if (!r.result().equals("pass")) {
                    continue;
                }
                Optional<String> proof = switch (r.method()) {
                    case "dkim" -> aligned(r, "header.d", domain);
                    case "spf" -> aligned(r, "smtp.mailfrom", domain);
                    case "dmarc" -> aligned(r, "header.from", domain);
                    case "auth" -> login(r, from, agency);
                    default -> Optional.empty();
                };
                if (proof.isPresent()) {
                    return proof;
                }
            }
        }
        return Optional.empty();
    }

    public String trustedAuthservId() {
        return trustedAuthservId;
    }

    private static Optional<String> aligned(AuthenticationResults.Result r, String property, String domain) {
        String value = r.property(property);
        return value != null && domain != null && domainOf(value).equals(domain)
                ? Optional.of(r.method() + " " + property + "=" + domain)
                : Optional.empty();
    }

    private static Optional<String> login(AuthenticationResults.Result r, String from, Agency agency) {
        String who = r.property("smtp.auth");
        return who != null && (who.equalsIgnoreCase(agency.login()) || who.equalsIgnoreCase(from.trim()))
                ? Optional.of("auth smtp.auth=" + agency.login())
                : Optional.empty();
    }

    /** The domain of an address, or the value itself when it is a bare domain; lower case, no trailing dot. */
    static String domainOf(String addressOrDomain) {
        String value = addressOrDomain.trim();
        if (value.startsWith("<") && value.endsWith(">")) {
            value = value.substring(1, value.length() - 1);
        }
        value = value.substring(value.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    }
}

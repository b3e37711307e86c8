package kz.gov.safework.cycle;

import java.util.List;

/**
 * What an approval hands to the Government outbox: the XML, JSON and PDF of the approved version, the
 * manifest listing them and every included submission with its SHA-256, and the manifest's own hash
 * (as a {@code sha256sum} line), one message each, grouped by {@code consolidationId}.
 */
public record ApprovedPackage(String consolidationId, String planId, int year, int version, String manifestSha256,
                              List<Part> parts) {

    public record Part(String kind, String fileName, String mediaType, byte[] body, String sha256) {
    }

    public ApprovedPackage {
        parts = List.copyOf(parts);
    }
}

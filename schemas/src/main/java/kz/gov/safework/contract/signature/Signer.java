package kz.gov.safework.contract.signature;

import java.time.Instant;

/**
 * Who signed a document, as the receipt records it: the agency whose registered certificate verified the signature,
 * the certificate's subject and serial (hex), and when the hub verified it.
 */
public record Signer(String agency, String subject, String serial, Instant verifiedAt) {
}

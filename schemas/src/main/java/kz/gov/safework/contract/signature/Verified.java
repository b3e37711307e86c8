package kz.gov.safework.contract.signature;

/**
 * A document whose signature was verified: the signer and the content to read as the report (the XML document itself
 * for an enveloped XML-DSig; the JWS payload for JSON).
 */
public record Verified(Signer signer, byte[] content) {
}

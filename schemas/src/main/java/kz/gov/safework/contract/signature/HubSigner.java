package kz.gov.safework.contract.signature;

/**
 * What the hub signs its answers with: a detached compact JWS ({@code header..signature}, RFC 7515 appendix F) over
 * the exact bytes it sends, with the key's {@code kid} in the protected header, so anyone holding the hub's published
 * keys ({@code /.well-known/jwks.json}) can verify a receipt offline ({@link DetachedJws#verify}).
 */
@FunctionalInterface
public interface HubSigner {
    /** The message property (queues) that carries the signature of a receipt. */
    String RECEIPT_SIGNATURE = "swReceiptSignature";
    /** The message property that carries the signature of a feed message on {@code mtszn.feed}. */
    String FEED_SIGNATURE = "swFeedSignature";
    /** Beside a receipt file ({@code <name>.receipt.json}): {@code <name>.receipt.json.sig}. */
    String SIGNATURE_SUFFIX = ".sig";

    /** {@code header..signature} over {@code payload}, exactly those bytes. */
    String sign(byte[] payload);
}

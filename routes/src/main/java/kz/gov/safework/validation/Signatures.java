package kz.gov.safework.validation;

import java.util.Map;
import java.util.Optional;
import kz.gov.safework.contract.reading.DocumentFormat;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.signature.SignaturePolicy;
import kz.gov.safework.contract.signature.SignatureRefused;
import kz.gov.safework.contract.signature.SignatureVerifier;
import kz.gov.safework.contract.signature.Verified;
import kz.gov.safework.document.Envelope;

/**
 * The pipeline's signature step: the sending agency's policy on the envelope's channel ({@code signature} in
 * agencies.yaml), applied by the {@link SignatureVerifier}. A JSON document is checked before it is read, since a JWS
 * carries the report as its payload; an XML document after the safe reader accepted it, so that the XML limits apply
 * before any signature is read.
 */
public final class Signatures {
    private final SignatureVerifier verifier;
    private final ReferenceData reference;
    private final Map<String, SignaturePolicy> channelDefaults;

    public Signatures(SignatureVerifier verifier, ReferenceData reference) {
        this(verifier, reference, Map.of());
    }

    /**
     * @param channelDefaults the hub's policy per channel id where an agency's {@code signature} names neither the
     *                        channel nor {@code default} (production: {@code mail} required, see
     *                        {@code hub.mail.signature-default}); other channels: {@link SignaturePolicy#DEFAULT}
     */
    public Signatures(SignatureVerifier verifier, ReferenceData reference, Map<String, SignaturePolicy> channelDefaults) {
        this.verifier = verifier;
        this.reference = reference;
        this.channelDefaults = Map.copyOf(channelDefaults);
    }

    /** The JWS of a document that is not XML: the payload to read and its signer, or empty if unsigned. */
    public Optional<Verified> beforeReading(byte[] document, Envelope envelope) throws SignatureRefused {
        if (looksLikeXml(document)) {
            return Optional.empty();
        }
        return verifier.verify(document, DocumentFormat.JSON, policy(envelope), envelope.agency());
    }

    /** The enveloped signature of an XML document the reader accepted, or empty if unsigned. */
    public Optional<Verified> afterReading(byte[] document, DocumentFormat format, Envelope envelope)
            throws SignatureRefused {
        if (format != DocumentFormat.XML) {
            return Optional.empty();
        }
        return verifier.verify(document, DocumentFormat.XML, policy(envelope), envelope.agency());
    }

    /**
     * The sending agency's policy on the channel, else the hub's default for the channel; a sender the channel did not
     * tie to an agency: the hub's default for the channel.
     */
    SignaturePolicy policy(Envelope envelope) {
        String channel = envelope.channel().id();
        SignaturePolicy otherwise = channelDefaults.getOrDefault(channel, SignaturePolicy.DEFAULT);
        return Optional.ofNullable(envelope.agency()).flatMap(reference::agency)
                .map(agency -> agency.signaturePolicy(channel, otherwise))
                .orElse(otherwise);
    }

    /** XML starts with {@code <} after an optional UTF-8 byte order mark and white space. */
    static boolean looksLikeXml(byte[] document) {
        int i = document.length >= 3 && (document[0] & 0xFF) == 0xEF && (document[1] & 0xFF) == 0xBB
                && (document[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < document.length && Character.isWhitespace(document[i])) {
            i++;
        }
        return i < document.length && document[i] == '<';
    }

    /** The agency a verified signer makes the document's identity, else the channel's. */
    static String identity(Optional<Verified> verified, Envelope envelope) {
        return verified.map(v -> v.signer().agency()).orElse(envelope.agency());
    }
}

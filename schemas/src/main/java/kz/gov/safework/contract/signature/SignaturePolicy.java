package kz.gov.safework.contract.signature;

import java.util.Locale;

/** Whether an agency's documents on a channel must be signed ({@code signature: required | optional | off}). */
public enum SignaturePolicy {
    /** An unsigned document is refused ({@code SIGNATURE_MISSING}). */
    REQUIRED,
    /** A signature, if present, must verify; an unsigned document is judged on its channel's identity. */
    OPTIONAL,
    /** Signatures are not read. */
    OFF;

    public static final SignaturePolicy DEFAULT = OPTIONAL;

    /** The policy named in configuration; null or blank is the default. */
    public static SignaturePolicy of(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT;
        }
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
}

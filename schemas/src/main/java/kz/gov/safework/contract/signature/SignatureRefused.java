package kz.gov.safework.contract.signature;

import kz.gov.safework.contract.validation.ErrorCode;

/** A signature the hub does not accept, with the receipt's error code and an English detail. */
public final class SignatureRefused extends Exception {
    private final transient ErrorCode code;

    public SignatureRefused(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}

package kz.gov.safework.validation;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.signature.AgencyCertificates;
import kz.gov.safework.contract.signature.SignatureVerifier;

/** The signature step with no certificate registered: unsigned documents pass under the default (optional) policy. */
public final class NoSignatures {
    public static Signatures of(ReferenceData reference) {
        return new Signatures(new SignatureVerifier(new AgencyCertificates(Map.of(), List.of()), Clock.systemUTC()),
                reference);
    }

    private NoSignatures() {
    }
}

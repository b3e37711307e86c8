package kz.gov.safework.document;

import java.util.List;
import kz.gov.safework.contract.reading.ReadResult;
import kz.gov.safework.contract.report.ProgressReport;
import kz.gov.safework.contract.signature.Signer;
import kz.gov.safework.contract.validation.ValidationError;

/**
 * What the pipeline concluded about one document before storing it: every error and warning, and the signer when the
 * document carried a verified signature (then the signer's agency is the document's identity).
 */
public record Verdict(ReadResult read, List<ValidationError> errors, List<ValidationError> warnings, boolean late,
        Signer signer) {

    public Verdict {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** The verdict on a document without a verified signature. */
    public Verdict(ReadResult read, List<ValidationError> errors, List<ValidationError> warnings, boolean late) {
        this(read, errors, warnings, late, null);
    }

    public boolean acceptable() {
        return errors.isEmpty() && read != null && read.report() != null;
    }

    public ProgressReport report() {
        return read == null ? null : read.report();
    }

    public static Verdict rejected(List<ValidationError> errors) {
        return new Verdict(null, errors, List.of(), false);
    }
}

package kz.gov.safework.document;

import java.util.List;
import kz.gov.safework.contract.reading.ReadResult;
import kz.gov.safework.contract.report.ProgressReport;
import kz.gov.safework.contract.validation.ValidationError;

/** What the pipeline concluded about one document before storing it: every error and warning. */
public record Verdict(ReadResult read, List<ValidationError> errors, List<ValidationError> warnings, boolean late) {

    public Verdict {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
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

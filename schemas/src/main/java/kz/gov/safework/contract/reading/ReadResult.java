package kz.gov.safework.contract.reading;

import java.util.List;
import kz.gov.safework.contract.report.ProgressReport;
import kz.gov.safework.contract.validation.ValidationError;

/**
 * What reading one document gave: the report when it parsed and matched its schema, and every
 * problem found. {@code reportId}, {@code agency} and {@code year} are filled whenever they could be read,
 * even from a document that failed its schema, so the receipt can name them.
 */
public record ReadResult(
        DocumentFormat format,
        ProgressReport report,
        List<ValidationError> errors,
        String reportId,
        String agency,
        Integer year) {

    public ReadResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public boolean ok() {
        return report != null && errors.isEmpty();
    }
}

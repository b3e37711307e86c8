package kz.gov.safework.contract.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import kz.gov.safework.contract.signature.Signer;
import kz.gov.safework.contract.validation.ValidationError;

/**
 * The answer to every document (DESIGN.md §4). {@code reportId}, {@code agency} and {@code period} are
 * null when the document was not readable that far. {@code warnings} never refuse a document.
 * {@code duplicateOf} names the earlier submission when the status is DUPLICATE. {@code signer} is set when the
 * document carried a signature the hub verified: the agency, the certificate's subject and serial, and when.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(
        String submissionId,
        String reportId,
        String agency,
        String period,
        ReceiptStatus status,
        boolean late,
        List<ValidationError> errors,
        List<ValidationError> warnings,
        Instant receivedAt,
        String sha256,
        String channel,
        String fileName,
        String duplicateOf,
        Instant processedAt,
        Signer signer) {

    public Receipt {
        errors = errors == null ? List.of() : List.copyOf(errors);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A receipt for a document that carried no verified signature. */
    public Receipt(String submissionId, String reportId, String agency, String period, ReceiptStatus status,
            boolean late, List<ValidationError> errors, List<ValidationError> warnings, Instant receivedAt,
            String sha256, String channel, String fileName, String duplicateOf, Instant processedAt) {
        this(submissionId, reportId, agency, period, status, late, errors, warnings, receivedAt, sha256, channel,
                fileName, duplicateOf, processedAt, null);
    }
}

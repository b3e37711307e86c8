package kz.gov.safework.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import kz.gov.safework.contract.reading.DocumentReader;
import kz.gov.safework.contract.reading.ReadResult;
import kz.gov.safework.contract.validation.ErrorCode;
import kz.gov.safework.contract.validation.ValidationError;
import kz.gov.safework.document.Envelope;
import kz.gov.safework.document.Verdict;

/**
 * Parses, validates against the schema and applies the business rules, collecting every problem.
 * Reading failures of the document are answers (errors); only I/O on the hub's own disk throws.
 */
public final class Judge {
    private final DocumentReader reader;
    private final BusinessRules rules;
    private final AcceptedReports accepted;
    private final long maxBytes;

    public Judge(DocumentReader reader, BusinessRules rules, AcceptedReports accepted, long maxBytes) {
        this.reader = reader;
        this.rules = rules;
        this.accepted = accepted;
        this.maxBytes = maxBytes;
    }

    public Verdict judge(Envelope envelope) {
        List<ValidationError> adapterWarnings = envelope.adapterWarning() == null ? List.of()
                : List.of(ValidationError.of(adapterCode(envelope.adapterWarning()), ""));
        if (envelope.adapterError() != null) {
            return new Verdict(null, List.of(ValidationError.of(adapterCode(envelope.adapterError()), "")),
                    adapterWarnings, false);
        }
        ReadResult read;
        try (InputStream in = Files.newInputStream(envelope.body())) {
            read = reader.read(in, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read logged message " + envelope.submissionId(), e);
        }
        if (!read.ok()) {
            return new Verdict(read, read.errors(), adapterWarnings, false);
        }
        RuleOutcome outcome = rules.check(read.report(), envelope.agency(), envelope.receivedAt(), accepted);
        List<ValidationError> errors = new ArrayList<>(read.errors());
        errors.addAll(outcome.errors());
        List<ValidationError> warnings = new ArrayList<>(adapterWarnings);
        warnings.addAll(outcome.warnings());
        return new Verdict(read, errors, warnings, outcome.late());
    }

    private static ErrorCode adapterCode(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.UNSUPPORTED_FORMAT;
        }
    }
}

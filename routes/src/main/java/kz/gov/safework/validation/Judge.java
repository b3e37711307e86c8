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
import kz.gov.safework.intake.Envelope;

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
        if (envelope.adapterError() != null) {
            return Verdict.rejected(List.of(ValidationError.of(adapterCode(envelope.adapterError()), "")));
        }
        ReadResult read;
        try (InputStream in = Files.newInputStream(envelope.body())) {
            read = reader.read(in, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read logged message " + envelope.submissionId(), e);
        }
        if (!read.ok()) {
            return new Verdict(read, read.errors(), List.of(), false);
        }
        RuleOutcome outcome = rules.check(read.report(), envelope.agency(), envelope.receivedAt(), accepted);
        List<ValidationError> errors = new ArrayList<>(read.errors());
        errors.addAll(outcome.errors());
        return new Verdict(read, errors, outcome.warnings(), outcome.late());
    }

    private static ErrorCode adapterCode(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.UNSUPPORTED_FORMAT;
        }
    }
}

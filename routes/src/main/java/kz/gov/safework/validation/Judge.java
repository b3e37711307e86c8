package kz.gov.safework.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.gov.safework.contract.reading.DocumentReader;
import kz.gov.safework.contract.reading.ReadResult;
import kz.gov.safework.contract.signature.SignatureRefused;
import kz.gov.safework.contract.signature.Verified;
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
    private final Signatures signatures;
    private final BusinessRules rules;
    private final AcceptedReports accepted;
    private final long maxBytes;

    public Judge(DocumentReader reader, Signatures signatures, BusinessRules rules, AcceptedReports accepted,
            long maxBytes) {
        this.reader = reader;
        this.signatures = signatures;
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
        if (envelope.size() > maxBytes) {
            // the reader refuses it from the file without holding it whole
            ReadResult tooLarge = readStreamed(envelope);
            if (!tooLarge.ok()) {
                return new Verdict(tooLarge, tooLarge.errors(), adapterWarnings, false);
            }
        }
        byte[] logged = readLogged(envelope);
        Optional<Verified> signed;
        try {
            signed = signatures.beforeReading(logged, envelope);
        } catch (SignatureRefused e) {
            return refused(null, e, adapterWarnings);
        }
        ReadResult read = readLogged(envelope, signed.map(Verified::content).orElse(logged));
        if (!read.ok()) {
            return new Verdict(read, read.errors(), adapterWarnings, false);
        }
        if (signed.isEmpty()) {
            try {
                signed = signatures.afterReading(logged, read.format(), envelope);
            } catch (SignatureRefused e) {
                return refused(read, e, adapterWarnings);
            }
        }
        RuleOutcome outcome = rules.check(read.report(), Signatures.identity(signed, envelope), envelope.receivedAt(),
                accepted);
        List<ValidationError> errors = new ArrayList<>(read.errors());
        errors.addAll(outcome.errors());
        List<ValidationError> warnings = new ArrayList<>(adapterWarnings);
        warnings.addAll(outcome.warnings());
        return new Verdict(read, errors, warnings, outcome.late(), signed.map(Verified::signer).orElse(null));
    }

    private static Verdict refused(ReadResult read, SignatureRefused e, List<ValidationError> warnings) {
        return new Verdict(read, List.of(ValidationError.of(e.code(), "")), warnings, false);
    }

    private static byte[] readLogged(Envelope envelope) {
        try {
            return Files.readAllBytes(envelope.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read logged message " + envelope.submissionId(), e);
        }
    }

    private ReadResult readStreamed(Envelope envelope) {
        try (InputStream in = Files.newInputStream(envelope.body())) {
            return reader.read(in, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read logged message " + envelope.submissionId(), e);
        }
    }

    private ReadResult readLogged(Envelope envelope, byte[] content) {
        try {
            // in place: a second copy of a document near hub.max-document-size would not fit the heap
            return reader.read(content, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read logged message " + envelope.submissionId(), e);
        }
    }

    private static ErrorCode adapterCode(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.UNSUPPORTED_FORMAT;
        }
    }
}

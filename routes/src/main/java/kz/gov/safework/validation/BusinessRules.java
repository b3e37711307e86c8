package kz.gov.safework.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.report.ProgressReport;
import kz.gov.safework.contract.validation.ValidationError;

/**
 * Checks a parsed, schema-valid progress report against the reference data: runs every rule of
 * {@link ReportRules#ALL}, collects all findings (errors refuse the document, warnings only flag it),
 * and flags the report late when it arrived after its deadline ({@link ReportingDeadline}: the whole of
 * 10 January, Asia/Almaty time, is still on time). Plain code, no Camel: the pipeline calls
 * {@link #check} and puts the outcome into the receipt.
 *
 * <p>The sender is the agency code the channel authenticated, or null when the login maps to no agency;
 * such a report is always refused (UNKNOWN_AGENCY, empty path).
 */
public final class BusinessRules {
    private final ReferenceData reference;

    public BusinessRules(ReferenceData reference) {
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    public RuleOutcome check(ProgressReport report, String senderAgency, Instant receivedAt, AcceptedReports accepted) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        ReportContext context = ReportContext.of(report, senderAgency, reference, accepted);
        List<ValidationError> errors = new ArrayList<>();
        List<ValidationError> warnings = new ArrayList<>();
        for (Rule rule : ReportRules.ALL) {
            rule.check(context).forEach(found -> (found.code().isWarning() ? warnings : errors).add(found));
        }
        // Without a known plan there is no reporting rule; such a report is refused anyway.
        boolean late = context.plan()
                .filter(plan -> plan.reporting() != null)
                .map(plan -> ReportingDeadline.isLate(plan.reporting(), report.year(), receivedAt))
                .orElse(false);
        return new RuleOutcome(errors, warnings, late);
    }
}

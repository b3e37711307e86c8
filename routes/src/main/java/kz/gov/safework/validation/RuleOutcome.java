package kz.gov.safework.validation;

import java.util.List;
import kz.gov.safework.contract.validation.ValidationError;

/**
 * What the business rules found: {@code errors} refuse the document, {@code warnings} only flag it,
 * {@code late} flags a report received after its reporting deadline (late reports are still accepted).
 */
public record RuleOutcome(List<ValidationError> errors, List<ValidationError> warnings, boolean late) {

    public RuleOutcome {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean accepted() {
        return errors.isEmpty();
    }
}

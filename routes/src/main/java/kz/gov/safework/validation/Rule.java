package kz.gov.safework.validation;

import java.util.stream.Stream;
import kz.gov.safework.contract.validation.ValidationError;

/**
 * One business rule: looks at a report in its context and returns every problem it finds (none when
 * the report passes). A rule whose code {@link kz.gov.safework.contract.validation.ErrorCode#isWarning()
 * is a warning} flags the report without refusing it.
 */
@FunctionalInterface
public interface Rule {

    Stream<ValidationError> check(ReportContext context);
}

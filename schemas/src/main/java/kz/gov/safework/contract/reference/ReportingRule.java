package kz.gov.safework.contract.reference;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * When reports are due: every year, agencies by {@code agencyDue} of the following year, the ministry's
 * consolidated information by {@code consolidatedDue} of the following year.
 */
public record ReportingRule(MonthDay agencyDue, MonthDay consolidatedDue) {

    public LocalDate agencyDueDate(int reportingYear) {
        return agencyDue.atYear(reportingYear + 1);
    }

    public LocalDate consolidatedDueDate(int reportingYear) {
        return consolidatedDue.atYear(reportingYear + 1);
    }
}

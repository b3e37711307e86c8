package kz.gov.safework.validation;

import java.time.Instant;
import kz.gov.safework.contract.reference.ReportingRule;

/**
 * When a report becomes late. The decree says agencies report "до 10 января" of the following year; how
 * that is read is the plan's {@code reporting.dueReading} (default INCLUSIVE: "by the end of 10 January")
 * in its {@code reporting.zone} (default Asia/Almaty); {@link ReportingRule#lateFrom} is the one place that
 * computes it. Late reports are accepted, only flagged.
 */
public final class ReportingDeadline {

    private ReportingDeadline() {
    }

    /** The first instant at which a report for {@code reportingYear} is late. */
    public static Instant lateFrom(ReportingRule rule, int reportingYear) {
        return rule.lateFrom(reportingYear);
    }

    public static boolean isLate(ReportingRule rule, int reportingYear, Instant receivedAt) {
        return !receivedAt.isBefore(lateFrom(rule, reportingYear));
    }
}

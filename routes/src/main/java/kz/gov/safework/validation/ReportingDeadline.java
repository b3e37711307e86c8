package kz.gov.safework.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import kz.gov.safework.contract.reference.ReportingRule;

/**
 * When a report becomes late. The decree says agencies report "до 10 января" of the following year;
 * the hub reads that as "by the end of 10 January", Astana/Almaty time: anything received before
 * 11 January 00:00 in {@code Asia/Almaty} is on time, anything from that instant on is late. The
 * generous reading is deliberate: a late flag is a mark against an agency, so a report sent on the
 * last day of the period is not counted against it. Late reports are accepted, only flagged.
 */
public final class ReportingDeadline {

    /** The time zone of the decree's dates (Astana and Almaty share it). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Almaty");

    private ReportingDeadline() {
    }

    /** The first instant at which a report for {@code reportingYear} is late. */
    public static Instant lateFrom(ReportingRule rule, int reportingYear) {
        LocalDate due = rule.agencyDueDate(reportingYear);
        return due.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    public static boolean isLate(ReportingRule rule, int reportingYear, Instant receivedAt) {
        return !receivedAt.isBefore(lateFrom(rule, reportingYear));
    }
}

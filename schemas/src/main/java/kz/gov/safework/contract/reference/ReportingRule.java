package kz.gov.safework.contract.reference;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;

/**
 * When reports are due: every year, agencies by {@code agencyDue} of the following year, the ministry's
 * consolidated information by {@code consolidatedDue} of the following year. {@code dueReading} says how
 * "до 10 января" is read and {@code zone} whose calendar it is in (defaults: {@code INCLUSIVE},
 * {@code Asia/Almaty}; see routes/CYCLE.md).
 */
public record ReportingRule(MonthDay agencyDue, MonthDay consolidatedDue, DueReading dueReading, ZoneId zone) {

    /** The decree's dates are Astana/Almaty calendar days. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Almaty");

    /** "до 10 января": {@code INCLUSIVE} = by the end of 10 January; {@code EXCLUSIVE} = before 10 January. */
    public enum DueReading {
        INCLUSIVE, EXCLUSIVE
    }

    public ReportingRule {
        dueReading = dueReading == null ? DueReading.INCLUSIVE : dueReading;
        zone = zone == null ? DEFAULT_ZONE : zone;
    }

    public ReportingRule(MonthDay agencyDue, MonthDay consolidatedDue) {
        this(agencyDue, consolidatedDue, null, null);
    }

    /** The date the decree names ("10 January" of the following year). */
    public LocalDate agencyDueDate(int reportingYear) {
        return agencyDue.atYear(reportingYear + 1);
    }

    /** The last calendar day on which a report is on time under {@link #dueReading}. */
    public LocalDate lastDayOnTime(int reportingYear) {
        LocalDate due = agencyDueDate(reportingYear);
        return dueReading == DueReading.INCLUSIVE ? due : due.minusDays(1);
    }

    /** The first instant at which a report for the year is late: the day after the last day on time, in the zone. */
    public Instant lateFrom(int reportingYear) {
        return lastDayOnTime(reportingYear).plusDays(1).atStartOfDay(zone).toInstant();
    }

    public LocalDate consolidatedDueDate(int reportingYear) {
        return consolidatedDue.atYear(reportingYear + 1);
    }
}

package kz.gov.safework.cycle;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.gov.safework.contract.reference.ObligationKind;
import kz.gov.safework.contract.reference.Plan;

/**
 * A plan's reporting year day by day, for MTSZN's charts: the documents received each day by status, and the agency
 * × item pairs reported so far against those owed (as {@link CampaignProgress} counts them: entries that oblige, a
 * pair counting from the day its first accepted version came in). Days in the plan's zone, from the first day of the
 * due date's month (or the first document, when earlier) to the last day on time (or the last document, when later);
 * days after today have no values (null), as nothing can have come in yet.
 */
public record CampaignDays(String plan, int year, String zone, LocalDate from, LocalDate to, LocalDate today,
                           List<LocalDate> days, Map<String, List<Integer>> received, Map<String, Integer> receivedTotal,
                           int owed, List<Integer> reported) {

    public static CampaignDays of(YearState state, List<CycleStore.Received> documents) {
        Plan plan = state.plan();
        int year = state.year();
        ZoneId zone = plan.reporting().zone();
        LocalDate today = LocalDate.ofInstant(state.asOf(), zone);
        LocalDate from = plan.reporting().agencyDueDate(year).withDayOfMonth(1);
        LocalDate to = plan.reporting().lastDayOnTime(year);
        for (CycleStore.Received document : documents) {
            LocalDate day = LocalDate.ofInstant(document.minute(), zone);
            from = day.isBefore(from) ? day : from;
            to = day.isAfter(to) ? day : to;
        }
        List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();

        Map<String, List<Integer>> received = new TreeMap<>();
        Map<String, Integer> receivedTotal = new TreeMap<>();
        for (CycleStore.Received document : documents) {
            int index = (int) ChronoUnit.DAYS.between(from, LocalDate.ofInstant(document.minute(), zone));
            List<Integer> counts = received.computeIfAbsent(document.status(), s -> upToToday(days, today));
            // a clock set back: still counted
            counts.set(index, (counts.get(index) == null ? 0 : counts.get(index)) + document.count());
            receivedTotal.merge(document.status(), document.count(), Integer::sum);
        }

        int owed = 0;
        int[] firstReported = new int[days.size()];
        for (CellState cell : state.cells()) {
            if (cell.kind() == ObligationKind.OWES) {
                owed++;
                if (cell.status().reported()) {
                    LocalDate day = LocalDate.ofInstant(cell.firstReceivedAt(), zone);
                    firstReported[(int) ChronoUnit.DAYS.between(from, day)]++;
                }
            }
        }
        List<Integer> reported = upToToday(days, today);
        int sum = 0;
        for (int i = 0; i < days.size(); i++) {
            sum += firstReported[i];
            if (reported.get(i) != null) {
                reported.set(i, sum);
            }
        }
        return new CampaignDays(plan.id(), year, zone.getId(), from, to, today, days, received, receivedTotal, owed,
                reported);
    }

    /** Zero for each day up to today, null after it. */
    private static List<Integer> upToToday(List<LocalDate> days, LocalDate today) {
        List<Integer> values = new ArrayList<>(Collections.nCopies(days.size(), (Integer) null));
        for (int i = 0; i < days.size(); i++) {
            if (!days.get(i).isAfter(today)) {
                values.set(i, 0);
            }
        }
        return values;
    }
}

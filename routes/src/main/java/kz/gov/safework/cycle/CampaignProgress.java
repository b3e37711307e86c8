package kz.gov.safework.cycle;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.ObligationKind;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.reference.Section;

/**
 * How a plan's reporting year stands for MTSZN's campaign console: who still owes what (agencies by name, in
 * plan order), the agency × item pairs reported of those owed, overall and per section of the plan, the late
 * ones apart, and the days left to the agencies' due date. Pairs count as the gauge {@code hub_cycle_missing}
 * and the reminders count them ({@link YearState#outstanding(boolean)} without by-agreement entries): only
 * entries that oblige the agency (paragraph 2 of the decree, {@link ObligationKind#OWES}).
 *
 * @param daysLeft {@link CycleData#daysLeft}: 0 on the due date, negative after it
 */
public record CampaignProgress(String plan, int year, boolean owed, LocalDate dueDate, LocalDate lastDayOnTime,
                               LocalDate today, long daysLeft, Count overall, List<SectionProgress> sections,
                               List<Owing> owing) {

    /** Pairs owed, reported (on time or late) and reported late; {@code missing} = owed − reported. */
    public record Count(int owed, int reported, int late) {
        @JsonProperty("missing")
        public int missing() {
            return owed - reported;
        }

        @JsonProperty("onTime")
        public int onTime() {
            return reported - late;
        }

        Count plus(CellState cell) {
            boolean reportedNow = cell.status().reported();
            return new Count(owed + 1, reported + (reportedNow ? 1 : 0), late + (reportedNow && cell.late() ? 1 : 0));
        }
    }

    public record SectionProgress(int number, String titleRu, String titleEn, Count count) {
    }

    /** An agency that still owes items, with its names in the three languages (each falls back to Russian). */
    public record Owing(String agency, String nameRu, String nameKk, String nameEn, List<OwedItem> items) {
    }

    /** An item still owed: {@code MISSING} (nothing sent) or {@code REJECTED_ONLY} (only rejected documents). */
    public record OwedItem(String item, int section, String titleRu, CellStatus status) {
    }

    private static final Count NONE = new Count(0, 0, 0);

    public static CampaignProgress of(YearState state, ReferenceData reference, LocalDate today, long daysLeft) {
        Plan plan = state.plan();
        Map<Integer, Count> bySection = new LinkedHashMap<>();
        plan.sections().forEach(s -> bySection.put(s.number(), NONE));
        Count overall = NONE;
        for (CellState cell : state.cells()) {
            if (cell.kind() == ObligationKind.OWES) {
                overall = overall.plus(cell);
                bySection.merge(cell.item().section(), NONE.plus(cell), (a, b) -> a.plus(cell));
            }
        }
        List<SectionProgress> sections = new ArrayList<>();
        bySection.forEach((number, count) -> {
            if (count.owed() > 0) {
                Section section = plan.sections().stream().filter(s -> s.number() == number).findFirst()
                        .orElse(new Section(number, null, null));
                sections.add(new SectionProgress(number, section.titleRu(), section.titleEn(), count));
            }
        });
        List<Owing> owing = new ArrayList<>();
        state.outstanding(false).forEach((code, cells) -> {
            Agency agency = reference.agency(code).orElse(null);
            String ru = agency == null || agency.nameRu() == null ? code : agency.nameRu();
            owing.add(new Owing(code, ru, agency == null ? ru : orElse(agency.nameKk(), ru),
                    agency == null ? ru : orElse(agency.nameEn(), ru),
                    cells.stream().map(c -> new OwedItem(c.item().number(), c.item().section(), c.item().titleRu(),
                            c.status())).toList()));
        });
        return new CampaignProgress(plan.id(), state.year(), state.owed(), plan.reporting().agencyDueDate(state.year()),
                plan.reporting().lastDayOnTime(state.year()), today, daysLeft, overall, List.copyOf(sections),
                List.copyOf(owing));
    }

    /**
     * The reporting year whose campaign runs on {@code today}: the first owed year whose agencies' due date is today
     * or later; when every owed year's due date has passed, the last owed year; the plan's last year when none is owed.
     */
    public static int campaignYear(Plan plan, LocalDate today) {
        Integer last = null;
        for (int year = plan.firstReportingYear(); year <= plan.lastReportingYear(); year++) {
            if (Obligations.yearOwed(plan, year)) {
                if (!plan.reporting().agencyDueDate(year).isBefore(today)) {
                    return year;
                }
                last = year;
            }
        }
        return last == null ? plan.lastReportingYear() : last;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}

package kz.gov.safework.cycle;

import kz.gov.safework.store.StoredSubmission;
import kz.gov.safework.store.StoredEntry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.PlanItem;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.reference.Section;
import kz.gov.safework.contract.report.ItemStatus;
import kz.gov.safework.cycle.ConsolidatedReport.AgencyCompliance;
import kz.gov.safework.cycle.ConsolidatedReport.AgencyEntry;
import kz.gov.safework.cycle.ConsolidatedReport.Change;
import kz.gov.safework.cycle.ConsolidatedReport.DecreeFinancing;
import kz.gov.safework.cycle.ConsolidatedReport.Document;
import kz.gov.safework.cycle.ConsolidatedReport.GridCell;
import kz.gov.safework.cycle.ConsolidatedReport.IncludedSubmission;
import kz.gov.safework.cycle.ConsolidatedReport.ItemBlock;
import kz.gov.safework.cycle.ConsolidatedReport.SectionBlock;
import kz.gov.safework.cycle.ConsolidatedReport.Summary;
import kz.gov.safework.cycle.ConsolidatedReport.Totals;

/** Builds the consolidated report from the matrix: plain code, no Camel, no database. */
public final class Consolidator {
    private final ReferenceData reference;

    public Consolidator(ReferenceData reference) {
        this.reference = reference;
    }

    public ConsolidatedReport build(YearState state, String id, Instant at, ConsolidatedReport previous) {
        Plan plan = state.plan();
        int year = state.year();
        // A contributor that sent nothing is not part of the Government's report (it owed nothing).
        List<CellState> cells = state.cells().stream().filter(c -> c.status() != CellStatus.NOT_REQUIRED).toList();
        Map<String, List<CellState>> byItem = new LinkedHashMap<>();
        cells.forEach(c -> byItem.computeIfAbsent(c.item().number(), k -> new ArrayList<>()).add(c));

        List<SectionBlock> sections = new ArrayList<>();
        for (Section section : sectionsOf(plan)) {
            List<ItemBlock> items = new ArrayList<>();
            for (PlanItem item : plan.items()) {
                if (item.section() == section.number() && byItem.containsKey(item.number())) {
                    items.add(item(item, year, byItem.get(item.number()), state.earlier()));
                }
            }
            if (!items.isEmpty()) {
                sections.add(new SectionBlock(section.number(), section.titleRu(), items, totals(items)));
            }
        }

        Set<String> agencies = new LinkedHashSet<>();
        cells.forEach(c -> agencies.add(c.agency()));
        List<AgencyCompliance> grid = new ArrayList<>();
        int reported = 0;
        int late = 0;
        int missing = 0;
        for (String code : agencies) {
            List<CellState> own = cells.stream().filter(c -> c.agency().equals(code)).toList();
            boolean anyReported = own.stream().anyMatch(c -> c.status().reported());
            boolean anyLate = own.stream().anyMatch(CellState::late);
            reported += anyReported ? 1 : 0;
            late += anyLate ? 1 : 0;
            missing += anyReported ? 0 : 1;
            grid.add(new AgencyCompliance(code, nameRu(code), anyLate, !anyReported,
                    own.stream().map(c -> new GridCell(c.item().number(), c.status())).toList()));
        }

        Map<String, IncludedSubmission> included = new LinkedHashMap<>();
        cells.stream().filter(c -> c.currentSubmission() != null).map(CellState::currentSubmission)
                .sorted(Comparator.comparing(StoredSubmission::receivedAt).thenComparing(StoredSubmission::submissionId))
                .forEach(s -> included.putIfAbsent(s.submissionId(), new IncludedSubmission(s.submissionId(),
                        s.agency(), s.reportId(), s.sha256(), s.receivedAt(), s.late())));

        Totals all = totals(sections.stream().flatMap(s -> s.items().stream()).toList());
        Summary summary = new Summary(all.items(), all.completed(), all.inProgress(), all.notStarted(), all.notDue(),
                all.notReported(), agencies.size(), reported, late, missing, all.planned(), all.actual());
        int version = previous == null ? 1 : previous.version() + 1;
        ConsolidatedReport report = new ConsolidatedReport(id, version, plan.id(), plan.titleRu(),
                plan.approved() == null ? null : "№ " + plan.approved().number() + " от "
                        + java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy").format(plan.approved().date()),
                year, plan.reporting().agencyDueDate(year), plan.reporting().consolidatedDueDate(year), at, summary,
                sections, grid, List.copyOf(included.values()), null, null);
        return previous == null ? report : report.withVersion(version, previous.version(), changes(previous, report));
    }

    private ItemBlock item(PlanItem item, int year, List<CellState> cells, EarlierYears earlier) {
        List<AgencyEntry> entries = new ArrayList<>();
        List<ItemStatus> statuses = new ArrayList<>();
        BigDecimal actual = null;
        BigDecimal reportedPlanned = null;
        for (CellState c : cells) {
            StoredEntry e = c.current();
            if (e == null) {
                entries.add(new AgencyEntry(c.agency(), nameRu(c.agency()), c.status(), null, null, null, null, null,
                        null, null, null, false));
                continue;
            }
            statuses.add(e.status());
            actual = add(actual, e.expensesActual());
            reportedPlanned = add(reportedPlanned, e.expensesPlanned());
            Document doc = e.completionType() == null && e.completionNumber() == null && e.completionTitle() == null
                    ? null : new Document(e.completionType(), e.completionNumber(), e.completionDate(), e.completionTitle());
            entries.add(new AgencyEntry(c.agency(), nameRu(c.agency()), c.status(), e.status(), e.narrativeRu(),
                    e.narrativeKk(), doc, e.expensesPlanned(), e.expensesActual(), e.expensesSource(),
                    c.currentSubmission().submissionId(), c.late()));
        }
        BigDecimal planned = plannedByDecree(item, year);
        return new ItemBlock(item.number(), item.titleRu(), item.formRu(),
                item.deadline() == null ? null : item.deadline().original(),
                ConsolidatedStatus.derive(statuses, cells.size()), statuses.size() == cells.size(),
                planned != null ? planned : reportedPlanned, actual, entries, decree(item), reportedPlanned,
                add(earlier.planned().get(item.number()), reportedPlanned),
                add(earlier.actual().get(item.number()), actual));
    }

    /**
     * The decree's own financing of an item that needs financing (column 6 of the plan: source and, where it
     * gives one, the amount for the whole item); null for "не требуются".
     */
    static DecreeFinancing decree(PlanItem item) {
        if (item.financing() == null || !item.financing().required()) {
            return null;
        }
        return new DecreeFinancing(item.financing().total(), item.financing().source(), item.financing().original());
    }

    /** Planned amount for the year as the decree states it; null when the decree gives none for that year. */
    static BigDecimal plannedByDecree(PlanItem item, int year) {
        if (item.financing() == null) {
            return null;
        }
        if (!item.financing().required()) {
            return BigDecimal.ZERO;
        }
        return item.financing().amounts().stream().filter(a -> a.year() != null && a.year() == year)
                .map(a -> a.thousandTenge()).filter(Objects::nonNull).reduce(BigDecimal::add).orElse(null);
    }

    private static Totals totals(List<ItemBlock> items) {
        Map<ConsolidatedStatus, Integer> counts = new EnumMap<>(ConsolidatedStatus.class);
        BigDecimal planned = BigDecimal.ZERO;
        BigDecimal actual = BigDecimal.ZERO;
        for (ItemBlock i : items) {
            counts.merge(i.status(), 1, Integer::sum);
            planned = i.planned() == null ? planned : planned.add(i.planned());
            actual = i.actual() == null ? actual : actual.add(i.actual());
        }
        return new Totals(items.size(), counts.getOrDefault(ConsolidatedStatus.COMPLETED, 0),
                counts.getOrDefault(ConsolidatedStatus.IN_PROGRESS, 0),
                counts.getOrDefault(ConsolidatedStatus.NOT_STARTED, 0),
                counts.getOrDefault(ConsolidatedStatus.NOT_DUE, 0),
                counts.getOrDefault(ConsolidatedStatus.NOT_REPORTED, 0), planned, actual);
    }

    /** Per agency and item: new report, replaced version, or changed status; per item: changed item status. */
    static List<Change> changes(ConsolidatedReport before, ConsolidatedReport after) {
        Map<String, AgencyEntry> old = new LinkedHashMap<>();
        Map<String, ItemBlock> oldItems = new LinkedHashMap<>();
        before.sections().forEach(s -> s.items().forEach(i -> {
            oldItems.put(i.number(), i);
            i.agencies().forEach(a -> old.put(i.number() + "|" + a.agency(), a));
        }));
        List<Change> changes = new ArrayList<>();
        after.sections().forEach(s -> s.items().forEach(i -> {
            ItemBlock was = oldItems.get(i.number());
            if (was == null || was.status() != i.status()) {
                changes.add(new Change(i.number(), null, "ITEM_STATUS",
                        was == null ? null : was.status().name(), i.status().name()));
            }
            for (AgencyEntry a : i.agencies()) {
                AgencyEntry prev = old.get(i.number() + "|" + a.agency());
                String prevSubmission = prev == null ? null : prev.submissionId();
                if (Objects.equals(prevSubmission, a.submissionId())) {
                    continue;
                }
                String kind = prevSubmission == null ? "REPORTED" : a.submissionId() == null ? "WITHDRAWN" : "CORRECTED";
                changes.add(new Change(i.number(), a.agency(), kind, describe(prev), describe(a)));
            }
        }));
        return changes;
    }

    private static String describe(AgencyEntry a) {
        if (a == null || a.submissionId() == null) {
            return null;
        }
        return a.status() + " (" + a.submissionId() + ")";
    }

    private List<Section> sectionsOf(Plan plan) {
        if (!plan.sections().isEmpty()) {
            return plan.sections();
        }
        return plan.items().stream().map(PlanItem::section).distinct().sorted()
                .map(n -> new Section(n, "Раздел " + n, "Section " + n)).toList();
    }

    private String nameRu(String code) {
        return reference.agency(code).map(Agency::nameRu).orElse(code);
    }

    /** The sum, null when neither has a figure (also: earlier years' sum plus this year's, the cumulative ones). */
    private static BigDecimal add(BigDecimal sum, BigDecimal value) {
        if (value == null) {
            return sum;
        }
        return sum == null ? value : sum.add(value);
    }
}

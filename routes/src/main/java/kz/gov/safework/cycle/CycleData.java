package kz.gov.safework.cycle;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.store.StoredEntry;
import kz.gov.safework.store.SubmissionStore;
import kz.gov.safework.store.SubmissionStore.CellVersions;

/** Reads the state of a plan and year from reference data and the store, at the clock's now. */
public class CycleData {
    private final ReferenceData reference;
    private final Obligations obligations;
    private final CycleStore store;
    private final SubmissionStore submissions;
    private final Clock clock;
    private final ZoneId zone;

    public CycleData(ReferenceData reference, CycleStore store, SubmissionStore submissions, Clock clock,
                     ZoneId zone) {
        this.reference = reference;
        this.obligations = new Obligations(reference);
        this.store = store;
        this.submissions = submissions;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * The matrix of a plan and year: every cell's status, its current entry and its latest versions
     * ({@link YearState#VERSIONS_KEPT}), read so that its size does not grow with the number of versions sent.
     */
    public YearState state(Plan plan, int year) {
        EarlierYears earlier = earlier(plan, year);
        return YearState.of(plan, year, clock.instant(), obligations.owed(plan, year, earlier),
                submissions.cellVersions(plan.id(), year, YearState.VERSIONS_KEPT),
                submissions.rejected(plan.id(), year, YearState.VERSIONS_KEPT), earlier);
    }

    /** The reports of the plan's reporting years before this one (their current versions are all they need). */
    EarlierYears earlier(Plan plan, int year) {
        List<List<StoredEntry>> years = new ArrayList<>();
        for (int y = plan.firstReportingYear(); y < year; y++) {
            years.add(submissions.cellVersions(plan.id(), y, 1).stream().map(CellVersions::current).toList());
        }
        return EarlierYears.of(years);
    }

    public Optional<Plan> plan(String id) {
        return reference.plan(id);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /**
     * Days from today (the clock's, in the cycle's zone) to the agencies' due date of the year ({@code agencyDue},
     * 10 January of the next year): 0 on the day itself, negative after it. The gauge and the console both read it.
     */
    public long daysLeft(Plan plan, int year) {
        return ChronoUnit.DAYS.between(today(), plan.reporting().agencyDueDate(year));
    }

    public ReferenceData reference() {
        return reference;
    }

    public CycleStore store() {
        return store;
    }

    public SubmissionStore submissions() {
        return submissions;
    }

    public Clock clock() {
        return clock;
    }
}

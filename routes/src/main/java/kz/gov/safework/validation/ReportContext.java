package kz.gov.safework.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.PlanItem;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.contract.report.ItemEntry;
import kz.gov.safework.contract.report.ProgressReport;

/**
 * A report as the rules see it: the document, who sent it, and the reference data it names, looked up
 * once. {@code sender} is the authenticated agency code, null when the login maps to no agency.
 */
public record ReportContext(
        ProgressReport report,
        String sender,
        ReferenceData reference,
        AcceptedReports accepted,
        Optional<Agency> agency,
        Optional<Plan> plan,
        List<Entry> entries) {

    /** An item entry with its position in the document and the plan item it names, if the plan has it. */
    public record Entry(int index, ItemEntry entry, Optional<PlanItem> planItem) {

        /** JSON Pointer into the document below this entry, e.g. {@code /items/2/expenses/actual}. */
        public String path(String... below) {
            StringBuilder path = new StringBuilder("/items/").append(index);
            for (String segment : below) {
                path.append('/').append(segment);
            }
            return path.toString();
        }

        public String number() {
            return entry.item();
        }
    }

    public ReportContext {
        entries = List.copyOf(entries);
    }

    public static ReportContext of(ProgressReport report, String sender, ReferenceData reference,
            AcceptedReports accepted) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(accepted, "accepted");
        Optional<Plan> plan = reference.plan(report.plan());
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < report.items().size(); i++) {
            ItemEntry entry = report.items().get(i);
            Optional<PlanItem> planItem = entry.item() == null ? Optional.empty()
                    : plan.flatMap(p -> p.item(entry.item()));
            entries.add(new Entry(i, entry, planItem));
        }
        return new ReportContext(report, sender, reference, accepted, reference.agency(report.agency()), plan,
                entries);
    }

    /** The plan is known and its reporting years include the report's year. */
    public boolean yearInPlan() {
        return plan.map(p -> p.coversYear(report.year())).orElse(false);
    }
}

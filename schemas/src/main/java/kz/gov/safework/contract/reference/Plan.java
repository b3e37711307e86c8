package kz.gov.safework.contract.reference;

import java.util.List;
import java.util.Optional;

/** A plan with its validity, amendments, reporting rule and items: plans are data. */
public record Plan(
        String id,
        String titleRu,
        String titleEn,
        LegalAct approved,
        List<LegalAct> amendments,
        LegalAct repealed,
        ReportingRule reporting,
        int firstReportingYear,
        int lastReportingYear,
        List<Section> sections,
        List<PlanItem> items) {

    public Plan {
        amendments = amendments == null ? List.of() : List.copyOf(amendments);
        sections = sections == null ? List.of() : List.copyOf(sections);
        items = items == null ? List.of() : List.copyOf(items);
    }

    public Optional<PlanItem> item(String number) {
        return items.stream().filter(i -> i.number().equals(number)).findFirst();
    }

    public boolean coversYear(int year) {
        return year >= firstReportingYear && year <= lastReportingYear;
    }
}

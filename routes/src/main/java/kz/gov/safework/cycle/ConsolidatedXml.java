package kz.gov.safework.cycle;

import java.io.StringWriter;
import java.math.BigDecimal;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import kz.gov.safework.cycle.ConsolidatedReport.AgencyCompliance;
import kz.gov.safework.cycle.ConsolidatedReport.AgencyEntry;
import kz.gov.safework.cycle.ConsolidatedReport.Change;
import kz.gov.safework.cycle.ConsolidatedReport.GridCell;
import kz.gov.safework.cycle.ConsolidatedReport.IncludedSubmission;
import kz.gov.safework.cycle.ConsolidatedReport.ItemBlock;
import kz.gov.safework.cycle.ConsolidatedReport.SectionBlock;
import kz.gov.safework.cycle.ConsolidatedReport.Totals;

/** Writes a consolidated report as XML valid against {@code schemas/consolidated/consolidated-report-v1.xsd}. */
public final class ConsolidatedXml {
    public static final String NAMESPACE = "urn:kz:gov:safework:consolidated-report:v1";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    public static String write(ConsolidatedReport r) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(NAMESPACE);
            w.writeStartElement(NAMESPACE, "consolidatedReport");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeAttribute("id", r.consolidationId());
            w.writeAttribute("version", String.valueOf(r.version()));
            w.writeAttribute("plan", r.planId());
            w.writeAttribute("year", String.valueOf(r.year()));
            text(w, "planTitle", r.planTitleRu());
            text(w, "decree", r.decree());
            text(w, "agencyDueDate", r.agencyDueDate().toString());
            text(w, "consolidatedDueDate", r.consolidatedDueDate().toString());
            text(w, "generatedAt", r.generatedAt().toString());

            var s = r.summary();
            w.writeEmptyElement("summary");
            counts(w, s.items(), s.completed(), s.inProgress(), s.notStarted(), s.notDue(), s.notReported());
            w.writeAttribute("agencies", String.valueOf(s.agencies()));
            w.writeAttribute("agenciesReported", String.valueOf(s.agenciesReported()));
            w.writeAttribute("agenciesLate", String.valueOf(s.agenciesLate()));
            w.writeAttribute("agenciesMissing", String.valueOf(s.agenciesMissing()));
            amount(w, "planned", s.planned());
            amount(w, "actual", s.actual());

            w.writeStartElement("sections");
            for (SectionBlock section : r.sections()) {
                w.writeStartElement("section");
                w.writeAttribute("number", String.valueOf(section.number()));
                text(w, "title", section.titleRu());
                for (ItemBlock item : section.items()) {
                    item(w, item);
                }
                Totals t = section.totals();
                w.writeEmptyElement("totals");
                counts(w, t.items(), t.completed(), t.inProgress(), t.notStarted(), t.notDue(), t.notReported());
                amount(w, "planned", t.planned());
                amount(w, "actual", t.actual());
                w.writeEndElement();
            }
            w.writeEndElement();

            w.writeStartElement("compliance");
            for (AgencyCompliance a : r.agencies()) {
                w.writeStartElement("agency");
                w.writeAttribute("code", a.agency());
                w.writeAttribute("name", a.nameRu());
                w.writeAttribute("late", String.valueOf(a.late()));
                w.writeAttribute("missing", String.valueOf(a.missing()));
                for (GridCell c : a.cells()) {
                    w.writeEmptyElement("cell");
                    w.writeAttribute("item", c.item());
                    w.writeAttribute("status", c.status().name());
                }
                w.writeEndElement();
            }
            w.writeEndElement();

            w.writeStartElement("submissions");
            for (IncludedSubmission sub : r.submissions()) {
                w.writeEmptyElement("submission");
                w.writeAttribute("id", sub.submissionId());
                w.writeAttribute("agency", sub.agency());
                if (sub.reportId() != null) {
                    w.writeAttribute("reportId", sub.reportId());
                }
                w.writeAttribute("sha256", sub.sha256());
                w.writeAttribute("receivedAt", sub.receivedAt().toString());
                w.writeAttribute("late", String.valueOf(sub.late()));
            }
            w.writeEndElement();

            if (r.previousVersion() != null) {
                w.writeStartElement("changes");
                w.writeAttribute("previousVersion", String.valueOf(r.previousVersion()));
                for (Change c : r.changes()) {
                    w.writeEmptyElement("change");
                    w.writeAttribute("item", c.item());
                    if (c.agency() != null) {
                        w.writeAttribute("agency", c.agency());
                    }
                    w.writeAttribute("kind", c.kind());
                    if (c.before() != null) {
                        w.writeAttribute("before", c.before());
                    }
                    w.writeAttribute("after", c.after() == null ? "" : c.after());
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write consolidated report XML", e);
        }
        return out.toString();
    }

    private static void item(XMLStreamWriter w, ItemBlock item) throws XMLStreamException {
        w.writeStartElement("item");
        w.writeAttribute("number", item.number());
        w.writeAttribute("status", item.status().name());
        w.writeAttribute("allReported", String.valueOf(item.allReported()));
        amount(w, "planned", item.planned());
        amount(w, "actual", item.actual());
        amount(w, "reportedPlanned", item.reportedPlanned());
        amount(w, "plannedCumulative", item.plannedCumulative());
        amount(w, "actualCumulative", item.actualCumulative());
        text(w, "title", item.titleRu());
        text(w, "form", item.formRu());
        text(w, "deadline", item.deadline());
        if (item.decree() != null) {
            w.writeStartElement("decreeFinancing");
            amount(w, "total", item.decree().total());
            optional(w, "source", item.decree().source());
            w.writeCharacters(item.decree().original() == null ? "" : item.decree().original());
            w.writeEndElement();
        }
        for (AgencyEntry a : item.agencies()) {
            w.writeStartElement("agency");
            w.writeAttribute("code", a.agency());
            w.writeAttribute("cell", a.cell().name());
            w.writeAttribute("late", String.valueOf(a.late()));
            if (a.status() != null) {
                w.writeAttribute("status", a.status().name());
            }
            if (a.submissionId() != null) {
                w.writeAttribute("submissionId", a.submissionId());
            }
            text(w, "name", a.agencyNameRu());
            text(w, "narrativeRu", a.narrativeRu());
            text(w, "narrativeKk", a.narrativeKk());
            if (a.completionDocument() != null) {
                var d = a.completionDocument();
                w.writeEmptyElement("completionDocument");
                optional(w, "type", d.type());
                optional(w, "number", d.number());
                optional(w, "date", d.date() == null ? null : d.date().toString());
                optional(w, "title", d.title());
            }
            if (a.expensesPlanned() != null || a.expensesActual() != null || a.expensesSource() != null) {
                w.writeEmptyElement("expenses");
                amount(w, "planned", a.expensesPlanned());
                amount(w, "actual", a.expensesActual());
                optional(w, "source", a.expensesSource());
            }
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void counts(XMLStreamWriter w, int items, int completed, int inProgress, int notStarted,
                               int notDue, int notReported) throws XMLStreamException {
        w.writeAttribute("items", String.valueOf(items));
        w.writeAttribute("completed", String.valueOf(completed));
        w.writeAttribute("inProgress", String.valueOf(inProgress));
        w.writeAttribute("notStarted", String.valueOf(notStarted));
        w.writeAttribute("notDue", String.valueOf(notDue));
        w.writeAttribute("notReported", String.valueOf(notReported));
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value != null) {
            w.writeStartElement(name);
            w.writeCharacters(value);
            w.writeEndElement();
        }
    }

    private static void optional(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value != null) {
            w.writeAttribute(name, value);
        }
    }

    private static void amount(XMLStreamWriter w, String name, BigDecimal value) throws XMLStreamException {
        if (value != null) {
            w.writeAttribute(name, value.toPlainString());
        }
    }

    private ConsolidatedXml() {
    }
}

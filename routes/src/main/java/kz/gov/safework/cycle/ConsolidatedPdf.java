package kz.gov.safework.cycle;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kz.gov.safework.cycle.ConsolidatedReport.AgencyCompliance;
import kz.gov.safework.cycle.ConsolidatedReport.AgencyEntry;
import kz.gov.safework.cycle.ConsolidatedReport.Change;
import kz.gov.safework.cycle.ConsolidatedReport.GridCell;
import kz.gov.safework.cycle.ConsolidatedReport.ItemBlock;
import kz.gov.safework.cycle.ConsolidatedReport.SectionBlock;
import kz.gov.safework.cycle.ConsolidatedReport.Totals;

/**
 * Renders a consolidated report as a PDF in Russian for sign-off: title page, summary, a chart of item
 * status by section (drawn boxes), per-section tables, the agency × item compliance grid and, from version
 * 2 on, what changed. DejaVu Sans (shipped under {@code fonts/}) is embedded so Cyrillic renders anywhere.
 */
public final class ConsolidatedPdf {
    private static final String FONT = "DejaVu Sans";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final ZoneId zone;

    public ConsolidatedPdf(ZoneId zone) {
        this.zone = zone;
    }

    public byte[] render(ConsolidatedReport report, String status) {
        String html = html(report, status);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> font("DejaVuSans.ttf"), FONT, 400, PdfRendererBuilder.FontStyle.NORMAL, true);
            builder.useFont(() -> font("DejaVuSans-Bold.ttf"), FONT, 700, PdfRendererBuilder.FontStyle.NORMAL, true);
            builder.withHtmlContent(html, null);
            builder.withProducer("Safe Labour reporting hub");
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render consolidated report PDF", e);
        }
        return out.toByteArray();
    }

    private static InputStream font(String file) {
        InputStream in = ConsolidatedPdf.class.getResourceAsStream("/fonts/" + file);
        if (in == null) {
            throw new IllegalStateException("font /fonts/" + file + " missing from the classpath");
        }
        return in;
    }

    String html(ConsolidatedReport r, String status) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"UTF-8\"/><title>")
                .append(esc("Сводная информация — " + r.planId() + " — " + r.year())).append("</title><style>")
                .append("@page { size: A4 landscape; margin: 15mm 12mm 15mm 12mm;")
                .append(" @bottom-right { content: 'Стр. ' counter(page) ' из ' counter(pages); font-family: '")
                .append(FONT).append("'; font-size: 8pt; } }")
                .append("body { font-family: '").append(FONT).append("'; font-size: 9pt; color: #111; }")
                .append("h1 { font-size: 18pt; text-align: center; margin-top: 30mm; }")
                .append("h2 { font-size: 13pt; margin: 6mm 0 3mm 0; page-break-after: avoid; }")
                .append(".title-page { page-break-after: always; text-align: center; }")
                .append(".sub { font-size: 12pt; text-align: center; margin: 3mm 0; }")
                .append("table { border-collapse: collapse; width: 100%; -fs-table-paginate: paginate; }")
                .append("th, td { border: 0.5pt solid #555; padding: 1.2mm; vertical-align: top; }")
                .append("th { background: #e8e8e8; font-weight: bold; }")
                .append("tr { page-break-inside: avoid; }")
                .append(".num { text-align: right; white-space: nowrap; }")
                .append(".grid td, .grid th { text-align: center; padding: 0.8mm; font-size: 8pt; }")
                .append(".bar td { border: none; padding: 0; height: 5mm; }")
                .append(".chart td { border: none; }")
                .append(".sign { margin-top: 25mm; text-align: left; font-size: 11pt; }")
                .append(".legend span { display: inline-block; width: 4mm; height: 3mm; margin: 0 1mm 0 4mm; }")
                .append(".section { page-break-before: always; }")
                .append(".keep { page-break-inside: avoid; }")
                .append(".summary td { padding: 0.7mm 1.2mm; }")
                .append("</style></head><body>");

        // Title page
        h.append("<div class=\"title-page\">")
                .append("<div class=\"sub\">Министерство труда и социальной защиты населения Республики Казахстан</div>")
                .append("<h1>Сводная информация о ходе исполнения<br/>").append(esc(r.planTitleRu())).append("</h1>")
                .append("<div class=\"sub\">за ").append(r.year()).append(" год</div>");
        if (r.decree() != null) {
            h.append("<div class=\"sub\">(постановление Правительства Республики Казахстан ").append(esc(r.decree()))
                    .append(")</div>");
        }
        h.append("<div class=\"sub\">Версия ").append(r.version()).append(" — ").append(esc(status)).append("</div>")
                .append("<div class=\"sub\">Сформировано: ").append(DATE_TIME.format(r.generatedAt().atZone(zone)))
                .append("</div>")
                .append("<div class=\"sub\">Срок представления в Правительство: ").append(DATE.format(r.consolidatedDueDate()))
                .append("</div>")
                .append("<div class=\"sign\">УТВЕРЖДАЮ<br/><br/>__________________________ / ______________ /<br/>")
                .append("Министр (вице-министр) труда и социальной защиты населения<br/><br/>«___» ____________ ")
                .append(r.consolidatedDueDate().getYear()).append(" г.</div></div>");

        // Summary
        var s = r.summary();
        h.append("<h2>1. Общие сведения</h2><table class=\"summary\">")
                .append(row("Пунктов плана, подлежащих исполнению в отчётном году", String.valueOf(s.items())))
                .append(row("Исполнено", String.valueOf(s.completed())))
                .append(row("В процессе исполнения", String.valueOf(s.inProgress())))
                .append(row("Не начато", String.valueOf(s.notStarted())))
                .append(row("Срок не наступил", String.valueOf(s.notDue())))
                .append(row("Нет сведений", String.valueOf(s.notReported())))
                .append(row("Ответственных органов", String.valueOf(s.agencies())))
                .append(row("Представили информацию", String.valueOf(s.agenciesReported())))
                .append(row("Представили с нарушением срока (" + DATE.format(r.agencyDueDate()) + ")",
                        String.valueOf(s.agenciesLate())))
                .append(row("Не представили информацию", String.valueOf(s.agenciesMissing())))
                .append(row("Предусмотрено финансирования, тыс. тенге", money(s.planned())))
                .append(row("Освоено, тыс. тенге", money(s.actual())))
                .append("</table>");
        List<AgencyCompliance> missing = r.agencies().stream().filter(AgencyCompliance::missing).toList();
        List<AgencyCompliance> late = r.agencies().stream().filter(AgencyCompliance::late).toList();
        h.append("<p><b>Не представили информацию:</b> ").append(names(missing)).append("</p>");
        h.append("<p><b>Представили с нарушением срока:</b> ").append(names(late)).append("</p>");

        // Chart: item status by section, one stacked bar per section
        h.append("<div class=\"keep\"><h2>2. Исполнение пунктов плана по разделам</h2><table class=\"chart\">");
        for (SectionBlock section : r.sections()) {
            Totals t = section.totals();
            h.append("<tr><td style=\"width: 30%\">Раздел ").append(section.number()).append(". ")
                    .append(esc(section.titleRu())).append("</td><td style=\"width: 60%\"><table class=\"bar\"><tr>");
            bar(h, t.completed(), t.items(), ConsolidatedStatus.COMPLETED);
            bar(h, t.inProgress(), t.items(), ConsolidatedStatus.IN_PROGRESS);
            bar(h, t.notStarted(), t.items(), ConsolidatedStatus.NOT_STARTED);
            bar(h, t.notDue(), t.items(), ConsolidatedStatus.NOT_DUE);
            bar(h, t.notReported(), t.items(), ConsolidatedStatus.NOT_REPORTED);
            h.append("</tr></table></td><td class=\"num\" style=\"width: 10%\">").append(t.completed()).append(" из ")
                    .append(t.items()).append("</td></tr>");
        }
        h.append("</table><p class=\"legend\">");
        for (ConsolidatedStatus st : ConsolidatedStatus.values()) {
            h.append("<span style=\"background: ").append(st.colour()).append("\"></span>").append(esc(st.labelRu()));
        }
        h.append("</p></div>");

        // Per-section tables
        int n = 3;
        for (SectionBlock section : r.sections()) {
            h.append("<div class=\"section\"><h2>").append(n++).append(". Раздел ").append(section.number())
                    .append(". ").append(esc(section.titleRu())).append("</h2><table><thead><tr>")
                    .append("<th style=\"width: 5%\">№ п/п</th><th style=\"width: 20%\">Мероприятие</th>")
                    .append("<th style=\"width: 12%\">Статус</th><th style=\"width: 13%\">Ответственный</th>")
                    .append("<th style=\"width: 30%\">Информация об исполнении</th>")
                    .append("<th style=\"width: 10%\">План, тыс. тг</th><th style=\"width: 10%\">Факт, тыс. тг</th>")
                    .append("</tr></thead><tbody>");
            for (ItemBlock item : section.items()) {
                int rows = item.agencies().size();
                boolean first = true;
                for (AgencyEntry a : item.agencies()) {
                    h.append("<tr>");
                    if (first) {
                        h.append("<td rowspan=\"").append(rows).append("\">").append(esc(item.number())).append("</td>")
                                .append("<td rowspan=\"").append(rows).append("\">").append(esc(item.titleRu()))
                                .append(item.formRu() == null ? "" : "<br/><i>" + esc(item.formRu()) + "</i>")
                                .append("</td><td rowspan=\"").append(rows).append("\">")
                                .append(esc(item.status().labelRu()))
                                .append(item.allReported() ? "" : "<br/>(сведения представлены не всеми)")
                                .append("</td>");
                    }
                    h.append("<td>").append(esc(a.agencyNameRu())).append("</td><td>").append(entryText(a))
                            .append("</td><td class=\"num\">").append(money(first ? item.planned() : a.expensesPlanned()))
                            .append("</td><td class=\"num\">").append(money(a.expensesActual())).append("</td></tr>");
                    first = false;
                }
            }
            Totals t = section.totals();
            h.append("<tr><td colspan=\"5\"><b>Итого по разделу: пунктов ").append(t.items()).append(", исполнено ")
                    .append(t.completed()).append("</b></td><td class=\"num\"><b>").append(money(t.planned()))
                    .append("</b></td><td class=\"num\"><b>").append(money(t.actual())).append("</b></td></tr>")
                    .append("</tbody></table></div>");
        }

        // The decree's own amounts beside the reported figures (financed items only)
        List<ItemBlock> financed = r.sections().stream().flatMap(sec -> sec.items().stream())
                .filter(i -> i.decree() != null).toList();
        if (!financed.isEmpty()) {
            h.append("<div class=\"section\"><h2>").append(n++)
                    .append(". Финансирование: предусмотрено Планом действий и представлено органами, тыс. тенге</h2>")
                    .append("<table><thead><tr><th style=\"width: 6%\">№ п/п</th>")
                    .append("<th style=\"width: 34%\">Источник финансирования (по Плану действий)</th>")
                    .append("<th style=\"width: 12%\">Предусмотрено Планом, всего</th>")
                    .append("<th style=\"width: 12%\">План за год (сведения органов)</th>")
                    .append("<th style=\"width: 12%\">Факт за год</th>")
                    .append("<th style=\"width: 12%\">План нарастающим итогом</th>")
                    .append("<th style=\"width: 12%\">Факт нарастающим итогом</th></tr></thead><tbody>");
            for (ItemBlock item : financed) {
                h.append("<tr><td>").append(esc(item.number())).append("</td><td>")
                        .append(esc(item.decree().original() != null ? item.decree().original() : item.decree().source()))
                        .append("</td><td class=\"num\">").append(money(item.decree().total()))
                        .append("</td><td class=\"num\">").append(money(item.reportedPlanned()))
                        .append("</td><td class=\"num\">").append(money(item.actual()))
                        .append("</td><td class=\"num\">").append(money(item.plannedCumulative()))
                        .append("</td><td class=\"num\">").append(money(item.actualCumulative())).append("</td></tr>");
            }
            h.append("</tbody></table></div>");
        }

        // Compliance grid
        Set<String> items = new LinkedHashSet<>();
        r.sections().forEach(sec -> sec.items().forEach(i -> items.add(i.number())));
        h.append("<div class=\"section\"><h2>").append(n++)
                .append(". Представление информации ответственными органами</h2><table class=\"grid\"><thead><tr>")
                .append("<th style=\"text-align: left\">Орган</th>");
        items.forEach(i -> h.append("<th>").append(esc(i)).append("</th>"));
        h.append("</tr></thead><tbody>");
        for (AgencyCompliance a : r.agencies()) {
            h.append("<tr><td style=\"text-align: left\">").append(esc(a.nameRu())).append("</td>");
            for (String i : items) {
                String symbol = a.cells().stream().filter(c -> c.item().equals(i)).map(GridCell::status)
                        .map(CellStatus::symbol).findFirst().orElse("");
                h.append("<td>").append(esc(symbol)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table><p>Обозначения: ");
        for (CellStatus c : CellStatus.values()) {
            h.append(esc(c.symbol())).append(" — ").append(esc(c.labelRu())).append("; ");
        }
        h.append("пусто — пункт органу не поручен.</p></div>");

        if (r.previousVersion() != null) {
            h.append("<div class=\"section\"><h2>").append(n)
                    .append(". Изменения по сравнению с версией ").append(r.previousVersion()).append("</h2>");
            if (r.changes().isEmpty()) {
                h.append("<p>Изменений нет.</p>");
            } else {
                h.append("<table><thead><tr><th>Пункт</th><th>Орган</th><th>Изменение</th><th>Было</th><th>Стало</th>")
                        .append("</tr></thead><tbody>");
                java.util.Map<String, String> names = new java.util.HashMap<>();
                r.agencies().forEach(a -> names.put(a.agency(), a.nameRu()));
                for (Change c : r.changes()) {
                    h.append("<tr><td>").append(esc(c.item())).append("</td><td>")
                            .append(esc(c.agency() == null ? "" : names.getOrDefault(c.agency(), c.agency())))
                            .append("</td><td>").append(esc(changeRu(c.kind()))).append("</td><td>")
                            .append(esc(statusRu(c.before()))).append("</td><td>").append(esc(statusRu(c.after())))
                            .append("</td></tr>");
                }
                h.append("</tbody></table>");
            }
            h.append("</div>");
        }
        h.append("</body></html>");
        return h.toString();
    }

    private static String changeRu(String kind) {
        return switch (kind) {
            case "ITEM_STATUS" -> "изменён статус пункта";
            case "REPORTED" -> "представлена информация";
            case "CORRECTED" -> "информация исправлена";
            case "WITHDRAWN" -> "информация отозвана";
            default -> kind;
        };
    }

    /** "IN_PROGRESS (submission)" → "в процессе исполнения (submission)". */
    private static String statusRu(String value) {
        if (value == null) {
            return "";
        }
        int space = value.indexOf(' ');
        String token = space < 0 ? value : value.substring(0, space);
        String label = switch (token) {
            case "NOT_STARTED" -> "не начато";
            case "IN_PROGRESS" -> "в процессе исполнения";
            case "COMPLETED" -> "исполнено";
            case "NOT_DUE" -> "срок не наступил";
            case "NOT_REPORTED" -> "нет сведений";
            default -> token;
        };
        return label + (space < 0 ? "" : value.substring(space));
    }

    private static String entryText(AgencyEntry a) {
        if (a.status() == null) {
            return "<i>" + esc(a.cell() == CellStatus.REJECTED_ONLY
                    ? "Информация отклонена, исправленная не поступила" : "Информация не представлена") + "</i>";
        }
        StringBuilder b = new StringBuilder();
        b.append(esc(a.narrativeRu() == null ? "" : a.narrativeRu()));
        if (a.completionDocument() != null) {
            var d = a.completionDocument();
            b.append("<br/>Документ: ").append(esc(d.type() == null ? "" : d.type()))
                    .append(d.number() == null ? "" : " № " + esc(d.number()))
                    .append(d.date() == null ? "" : " от " + DATE.format(d.date()))
                    .append(d.title() == null ? "" : " «" + esc(d.title()) + "»");
        }
        if (a.late()) {
            b.append("<br/><i>Представлено с нарушением срока</i>");
        }
        if (a.cell() == CellStatus.CORRECTED) {
            b.append("<br/><i>С учётом исправления</i>");
        }
        return b.toString();
    }

    private static void bar(StringBuilder h, int count, int total, ConsolidatedStatus status) {
        if (count > 0) {
            h.append("<td style=\"width: ").append(count * 100 / Math.max(total, 1)).append("%; background: ")
                    .append(status.colour()).append("\"></td>");
        }
    }

    private static String names(List<AgencyCompliance> agencies) {
        return agencies.isEmpty() ? "нет"
                : esc(String.join("; ", agencies.stream().map(AgencyCompliance::nameRu).toList()));
    }

    private static String row(String label, String value) {
        return "<tr><td>" + esc(label) + "</td><td class=\"num\">" + esc(value) + "</td></tr>";
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "—" : amount.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }
}

package kz.gov.safework.cycle;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.PlanItem;

/** The reminder's words: Russian, Kazakh and English, listing the items still missing. */
final class ReminderTexts {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    static String subject(Plan plan, int year, int offsetDays) {
        String when = offsetDays < 0 ? "напоминание" : "срок истёк";
        return "Safe Labour: " + when + " / еске салу / reminder — " + plan.id() + ", " + year;
    }

    static String text(Agency agency, Plan plan, int year, LocalDate due, int offsetDays, List<PlanItem> missing) {
        String nameRu = agency == null ? "" : agency.nameRu();
        StringBuilder b = new StringBuilder();
        b.append("Уважаемые коллеги (").append(nameRu).append(")!\n");
        if (offsetDays < 0) {
            b.append("Напоминаем: информация о ходе исполнения плана «").append(plan.titleRu()).append("» за ")
                    .append(year).append(" год представляется в МТСЗН до ").append(DATE.format(due)).append(".\n");
        } else {
            b.append("Срок представления информации о ходе исполнения плана «").append(plan.titleRu())
                    .append("» за ").append(year).append(" год (").append(DATE.format(due))
                    .append(") истёк. Просим представить её незамедлительно.\n");
        }
        b.append("Не получены сведения по пунктам:\n");
        missing.forEach(i -> b.append("  п. ").append(i.number()).append(" — ").append(i.titleRu()).append('\n'));
        b.append('\n');
        b.append("Құрметті әріптестер!\n");
        b.append(offsetDays < 0
                ? year + " жылғы жоспардың орындалу барысы туралы ақпаратты ЕХӘҚМ-ге " + DATE.format(due)
                        + " дейін ұсыну қажет.\n"
                : year + " жылғы ақпаратты ұсыну мерзімі (" + DATE.format(due) + ") өтті. Ақпаратты дереу ұсынуды сұраймыз.\n");
        b.append("Келесі тармақтар бойынша мәліметтер түскен жоқ: ")
                .append(String.join(", ", missing.stream().map(PlanItem::number).toList())).append(".\n\n");
        b.append("Dear colleagues,\n");
        b.append(offsetDays < 0
                ? "progress information on plan " + plan.id() + " for " + year + " is due at MTSZN by " + DATE.format(due) + ".\n"
                : "progress information on plan " + plan.id() + " for " + year + " was due on " + DATE.format(due)
                        + " and is overdue.\n");
        b.append("Items still missing: ").append(String.join(", ", missing.stream().map(PlanItem::number).toList()))
                .append(".\n");
        return b.toString();
    }

    private ReminderTexts() {
    }
}

package kz.gov.safework.cycle;

import java.time.LocalDate;
import java.util.List;

/**
 * One reminder to one agency: the items of a plan and year it still owes, {@code offsetDays} from the
 * agencies' due date. (agency, plan, year, offset) is its identity: it is sent at most once.
 */
public record Reminder(
        String agency,
        String planId,
        int year,
        int offsetDays,
        LocalDate dueDate,
        Channel channel,
        String recipient,
        List<String> missingItems,
        String subject,
        String text) {

    /** E-mail when the agency has addresses, else a message on its {@code receipts.<CODE>} queue. */
    public enum Channel {
        EMAIL, QUEUE
    }

    public Reminder {
        missingItems = List.copyOf(missingItems);
    }

    public boolean byEmail() {
        return channel == Channel.EMAIL;
    }

    /** Duplicate-detection id for the broker, the same on every attempt. */
    public String key() {
        return "reminder:" + planId + ":" + year + ":" + agency + ":" + offsetDays;
    }
}

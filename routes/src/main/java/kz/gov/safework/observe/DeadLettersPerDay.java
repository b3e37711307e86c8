package kz.gov.safework.observe;

import java.time.LocalDate;
import java.util.List;

/**
 * The dead letters by the day they arrived, for the operator's chart ({@link DeadLetters#perDay}).
 *
 * @param total    letters counted
 * @param complete false when the list limit was reached and the queue may hold more
 */
public record DeadLettersPerDay(String zone, int total, boolean complete, List<Day> days) {
    public record Day(LocalDate day, int count) {
    }
}

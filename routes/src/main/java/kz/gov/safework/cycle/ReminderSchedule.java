package kz.gov.safework.cycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.gov.safework.contract.reference.Plan;

/**
 * When reminders fall due: offsets in days from the agencies' due date ({@code -20d,-5d,+1d}).
 * The reminder of an offset is due from (due date + offset) until the next offset's day; the last one
 * until the consolidated due date. So a hub that was down over a reminder day still sends it when it
 * comes back, but never sends a stale reminder once the next one is due.
 */
public final class ReminderSchedule {
    private final List<Integer> offsets;

    public ReminderSchedule(List<Integer> offsets) {
        if (offsets.isEmpty()) {
            throw new IllegalArgumentException("no reminder offsets");
        }
        this.offsets = offsets.stream().sorted().distinct().toList();
    }

    /** Parses {@code "-20d, -5d, +1d"} (the {@code d} is optional). */
    public static ReminderSchedule parse(String spec) {
        List<Integer> offsets = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("d") || p.endsWith("D")) {
                p = p.substring(0, p.length() - 1);
            }
            try {
                offsets.add(Integer.parseInt(p.startsWith("+") ? p.substring(1) : p));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("reminder offset '" + part.trim() + "' is not like -20d or +1d");
            }
        }
        return new ReminderSchedule(offsets);
    }

    public List<Integer> offsets() {
        return offsets;
    }

    /** The offset whose reminder is due today for this plan and year, if any. */
    public Optional<Integer> activeOffset(Plan plan, int year, LocalDate today) {
        LocalDate due = plan.reporting().agencyDueDate(year);
        LocalDate end = plan.reporting().consolidatedDueDate(year);
        for (int i = offsets.size() - 1; i >= 0; i--) {
            LocalDate from = due.plusDays(offsets.get(i));
            LocalDate until = i + 1 < offsets.size() ? due.plusDays(offsets.get(i + 1)) : end;
            if (!today.isBefore(from) && today.isBefore(until)) {
                return Optional.of(offsets.get(i));
            }
        }
        return Optional.empty();
    }
}

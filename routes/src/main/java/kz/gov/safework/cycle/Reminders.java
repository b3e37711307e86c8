package kz.gov.safework.cycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.gov.safework.contract.envelope.Queues;
import kz.gov.safework.contract.reference.Agency;
import kz.gov.safework.contract.reference.Plan;
import kz.gov.safework.contract.reference.PlanItem;

/**
 * Which reminders are due now (by the injectable clock) and the bookkeeping that sends each one once.
 * The routes call {@link #due()} on every scheduler tick, then {@link #take} (an e-mail reminder is claimed into
 * its outbox there), and for a queue reminder {@link #sent} once the broker has it or {@link #release} when it refused.
 */
public class Reminders {
    private final CycleData data;
    private final ReminderSchedule schedule;
    private final boolean byAgreement;

    /** {@code byAgreement}: "(по согласованию)" bodies are reminded too; contributors never are. */
    public Reminders(CycleData data, ReminderSchedule schedule, boolean byAgreement) {
        this.data = data;
        this.schedule = schedule;
        this.byAgreement = byAgreement;
    }

    public List<Reminder> due() {
        LocalDate today = data.today();
        List<Reminder> due = new ArrayList<>();
        for (Plan plan : data.reference().plans()) {
            for (int year = plan.firstReportingYear(); year <= plan.lastReportingYear(); year++) {
                if (!Obligations.yearOwed(plan, year)) {
                    continue;
                }
                Optional<Integer> offset = schedule.activeOffset(plan, year, today);
                if (offset.isPresent()) {
                    due.addAll(remindersFor(data.state(plan, year), offset.get()));
                }
            }
        }
        return due;
    }

    List<Reminder> remindersFor(YearState state, int offset) {
        Plan plan = state.plan();
        LocalDate dueDate = plan.reporting().agencyDueDate(state.year());
        List<Reminder> reminders = new ArrayList<>();
        for (Map.Entry<String, List<CellState>> owing : state.outstanding(byAgreement).entrySet()) {
            Agency agency = data.reference().agency(owing.getKey()).orElse(null);
            List<PlanItem> items = owing.getValue().stream().map(CellState::item).toList();
            boolean email = agency != null && !agency.emails().isEmpty();
            reminders.add(new Reminder(owing.getKey(), plan.id(), state.year(), offset, dueDate,
                    email ? Reminder.Channel.EMAIL : Reminder.Channel.QUEUE,
                    email ? String.join(",", agency.emails()) : Queues.receiptsOf(owing.getKey()),
                    items.stream().map(PlanItem::number).toList(),
                    ReminderTexts.subject(plan, state.year(), offset),
                    ReminderTexts.text(agency, plan, state.year(), dueDate, offset, items)));
        }
        return reminders;
    }

    /**
     * Whether the reminder goes out now. By e-mail it is claimed here, and the claim is its outbox entry: the row
     * holds what the mail says, and {@link ReminderOutbox} sends it until the SMTP server accepts it (a refusal or a
     * crash delays it, never drops it). By queue it is only looked up here and recorded once the broker has it
     * ({@link #sent}): a crash in between sends it again on the next tick, and the broker drops it by its
     * duplicate-detection id, the reminder's key (exactly once).
     */
    public boolean take(Reminder reminder, boolean byEmail) {
        return byEmail ? data.store().claimReminder(reminder, data.clock().instant(), false)
                : !data.store().reminderRecorded(reminder);
    }

    /** The broker took the queue reminder: recorded as delivered. (An e-mail reminder's relay records its own.) */
    public void sent(Reminder reminder, boolean byEmail) {
        if (!byEmail) {
            data.store().claimReminder(reminder, data.clock().instant(), true);
        }
    }

    public void release(Reminder reminder) {
        data.store().releaseReminder(reminder);
    }
}

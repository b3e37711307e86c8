package kz.gov.safework.cycle;

import org.apache.camel.CamelContext;

/** Configuration keys of the reporting cycle, each with its default: one place for every one of them. */
public enum CycleSetting {
    /** Days from the agencies' due date on which reminders go out. */
    REMINDER_OFFSETS("hub.cycle.reminder-offsets", "-20d,-5d,+1d"),
    /** Whether "(по согласованию)" bodies get reminders too (contributors never do). */
    REMINDERS_BY_AGREEMENT("hub.cycle.reminders.by-agreement", "false"),
    /** Time zone that decides which calendar day it is (Kazakhstan has one zone, UTC+5, since 2024). */
    ZONE("hub.cycle.zone", "Asia/Almaty"),
    /** Scheduler tick of the reminder check (the check itself asks the clock what is due). */
    REMINDERS_TRIGGER("hub.cycle.reminders.trigger",
            "quartz://cycle/reminders?cron=0+0/15+*+*+*+?&" + CycleQuartz.ENDPOINT_OPTIONS),
    /** Scheduler tick of the consolidation check (drafts after the agencies' due date). */
    CONSOLIDATION_TRIGGER("hub.cycle.consolidation.trigger",
            "quartz://cycle/consolidation?cron=0+30+*+*+*+?&" + CycleQuartz.ENDPOINT_OPTIONS),
    /** {@code jdbc}: Quartz keeps its triggers in the hub's database (V11); {@code ram}: in memory. */
    QUARTZ_STORE("hub.cycle.quartz.store", "jdbc"),
    /** SMTP endpoint for e-mail reminders (headers To and Subject are set per reminder); empty: none are sent. */
    MAIL_URI("hub.cycle.mail.uri", ""),
    /** Back-off of an e-mail reminder the SMTP server refused: the first wait in ms, doubled per refusal... */
    REMINDER_RETRY_DELAY("hub.cycle.reminders.retry-delay", "60000"),
    /** ...up to this many ms. */
    REMINDER_MAX_RETRY_DELAY("hub.cycle.reminders.max-retry-delay", "3600000"),
    /** Prefix to which the agency code is appended for queue reminders. */
    JMS_URI_PREFIX("hub.cycle.jms.uri-prefix", "jms:queue:receipts."),
    /** Where approved consolidated reports go. */
    OUTBOX_URI("hub.cycle.outbox.uri", "jms:queue:government.outbox"),
    /** Tick of the outbox relays: Government parts the broker refused, and e-mail reminders due, are sent on it. */
    OUTBOX_RELAY_TRIGGER("hub.cycle.outbox.relay.trigger", "timer:cycle-outbox-relay?period=10000"),
    /** Tick of the campaign gauges (agencies still owing, days left: {@link CycleGauges}) read by the alert rules. */
    GAUGES_TRIGGER("hub.cycle.gauges.trigger", "timer:cycle-gauges?period=300000");

    private final String key;
    private final String defaultValue;

    CycleSetting(String key, String defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    /** The property name, as it is written in {@code application.properties}. */
    public String key() {
        return key;
    }

    /**
     * The configured value, trimmed, else the default. Endpoint URIs are resolved here rather than as
     * {@code {{key:default}}} inside a URI, because Camel splits a URI at '?' before it resolves placeholders,
     * which breaks defaults that carry query options.
     */
    String value(CamelContext context) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty())
                .orElse(defaultValue);
    }
}

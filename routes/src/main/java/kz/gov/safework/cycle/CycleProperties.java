package kz.gov.safework.cycle;

import org.apache.camel.CamelContext;

/** Configuration keys of the reporting cycle and their defaults: one place for every one of them. */
public final class CycleProperties {
    /** Days from the agencies' due date on which reminders go out. */
    public static final String REMINDER_OFFSETS = "hub.cycle.reminder-offsets";
    public static final String REMINDER_OFFSETS_DEFAULT = "-20d,-5d,+1d";
    /** Whether "(по согласованию)" bodies get reminders too (contributors never do). */
    public static final String REMINDERS_BY_AGREEMENT = "hub.cycle.reminders.by-agreement";
    public static final String REMINDERS_BY_AGREEMENT_DEFAULT = "false";
    /** Time zone that decides which calendar day it is (Kazakhstan has one zone, UTC+5, since 2024). */
    public static final String ZONE = "hub.cycle.zone";
    public static final String ZONE_DEFAULT = "Asia/Almaty";
    /** Scheduler tick of the reminder check (the check itself asks the clock what is due). */
    public static final String REMINDERS_TRIGGER = "hub.cycle.reminders.trigger";
    public static final String REMINDERS_TRIGGER_DEFAULT = "quartz://cycle/reminders?cron=0+0/15+*+*+*+?&"
            + CycleQuartz.ENDPOINT_OPTIONS;
    /** Scheduler tick of the consolidation check (drafts after the agencies' due date). */
    public static final String CONSOLIDATION_TRIGGER = "hub.cycle.consolidation.trigger";
    public static final String CONSOLIDATION_TRIGGER_DEFAULT = "quartz://cycle/consolidation?cron=0+30+*+*+*+?&"
            + CycleQuartz.ENDPOINT_OPTIONS;
    /** {@code jdbc}: Quartz keeps its triggers in the hub's database (V11); {@code ram}: in memory. */
    public static final String QUARTZ_STORE = "hub.cycle.quartz.store";
    public static final String QUARTZ_STORE_DEFAULT = "jdbc";
    /** SMTP endpoint for e-mail reminders (headers To and Subject are set per reminder). */
    public static final String MAIL_URI = "hub.cycle.mail.uri";
    /** Back-off of an e-mail reminder the SMTP server refused: the first wait in ms, doubled per refusal... */
    public static final String REMINDER_RETRY_DELAY = "hub.cycle.reminders.retry-delay";
    public static final String REMINDER_RETRY_DELAY_DEFAULT = "60000";
    /** ...up to this many ms. */
    public static final String REMINDER_MAX_RETRY_DELAY = "hub.cycle.reminders.max-retry-delay";
    public static final String REMINDER_MAX_RETRY_DELAY_DEFAULT = "3600000";
    /** Prefix to which the agency code is appended for queue reminders. */
    public static final String JMS_URI_PREFIX = "hub.cycle.jms.uri-prefix";
    public static final String JMS_URI_PREFIX_DEFAULT = "jms:queue:receipts.";
    /** Where approved consolidated reports go. */
    public static final String OUTBOX_URI = "hub.cycle.outbox.uri";
    public static final String OUTBOX_URI_DEFAULT = "jms:queue:government.outbox";
    /** Tick of the outbox relays: Government parts the broker refused, and e-mail reminders due, are sent on it. */
    public static final String OUTBOX_RELAY_TRIGGER = "hub.cycle.outbox.relay.trigger";
    public static final String OUTBOX_RELAY_TRIGGER_DEFAULT = "timer:cycle-outbox-relay?period=10000";
    /** Tick of the campaign gauges (agencies still owing, days left: {@link CycleGauges}) read by the alert rules. */
    public static final String GAUGES_TRIGGER = "hub.cycle.gauges.trigger";
    public static final String GAUGES_TRIGGER_DEFAULT = "timer:cycle-gauges?period=300000";

    /**
     * The configured value, else the default. Endpoint URIs are resolved here rather than as
     * {@code {{key:default}}} inside a URI, because Camel splits a URI at '?' before it resolves placeholders,
     * which breaks defaults that carry query options.
     */
    static String value(CamelContext context, String key, String defaultValue) {
        return context.getPropertiesComponent().resolveProperty(key).filter(v -> !v.isBlank()).orElse(defaultValue);
    }

    private CycleProperties() {
    }
}

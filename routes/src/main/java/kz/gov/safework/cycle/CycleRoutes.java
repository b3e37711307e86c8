package kz.gov.safework.cycle;

import kz.gov.safework.contract.envelope.Queues;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import kz.gov.safework.contract.Json;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Expression;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.ExpressionAdapter;

/**
 * The reporting cycle's schedule and deliveries: reminders to agencies that still owe items, drafts of the
 * consolidated report after the agencies' due date, and the relay of the Government outbox ({@link GovernmentOutbox}).
 * The Quartz triggers only tick; what is due is decided by the injectable clock.
 */
public class CycleRoutes extends RouteBuilder {
    /** The relay of the Government and e-mail reminder outboxes. */
    public static final String OUTBOX_RELAY_ROUTE_ID = "cycle-outbox-relay";
    /** How each run of a scheduled job starts its log line: {@code Scheduled job <group/name> for due time <epoch ms>}. */
    public static final String SCHEDULED_RUN = "Scheduled job";
    /** The due time Quartz fired a run for (its scheduled fire time, epoch ms), not when it ran. */
    private static final String DUE_TIME = "due time ${header.scheduledFireTime.time}";
    static final String SEND_REMINDER = "direct:cycle-reminder";
    private static final String SEND_QUEUE_REMINDER = "direct:cycle-reminder-queue";
    private static final String REMINDER = "swReminder";

    /** Headers on every outbox message (valid JMS property names). */
    public static final String H_CONSOLIDATION = "swConsolidationId";
    public static final String H_PLAN = "swPlan";
    public static final String H_YEAR = "swYear";
    public static final String H_VERSION = "swVersion";
    public static final String H_PART = "swPart";
    public static final String H_FILE_NAME = "swFileName";
    public static final String H_CONTENT_TYPE = "swContentType";
    public static final String H_SHA256 = "swSha256";
    public static final String H_MANIFEST_SHA256 = "swManifestSha256";
    public static final String H_MESSAGE_TYPE = "swMessageType";

    private final CycleServices services;
    private final MeterRegistry meters;

    /** Without a meter registry (route tests): no campaign gauges. */
    public CycleRoutes(CycleServices services) {
        this(services, null);
    }

    public CycleRoutes(CycleServices services, MeterRegistry meters) {
        this.services = services;
        this.meters = meters;
    }

    @Override
    public void configure() {
        Reminders reminders = services.reminders();
        if ("jdbc".equals(CycleSetting.QUARTZ_STORE.value(getCamelContext()))) {
            CycleQuartz.useJdbcStore(getCamelContext(), services.dataSource());
        }
        String mailUri = CycleSetting.MAIL_URI.value(getCamelContext());
        boolean mail = !mailUri.isEmpty();
        String queuePrefix = CycleSetting.JMS_URI_PREFIX.value(getCamelContext());
        // The queue endpoint of each agency, fixed at start from the reference data: a reminder picks one
        // of these, no URI is built from a message.
        Map<String, String> agencyQueues = new HashMap<>();
        services.data().reference().agencies().forEach(a -> agencyQueues.put(a.code(), queuePrefix + a.code()));
        Expression agencyQueue = new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                String uri = agencyQueues.get(reminder(exchange).agency());
                if (uri == null) {
                    throw new IllegalStateException("reminder for an agency not in the reference data");
                }
                return uri;
            }
        };

        // The campaign's gauges for the alert rules, where the hub has a meter registry (route tests may not).
        if (meters != null) {
            CycleGauges gauges = new CycleGauges(services.data(), meters);
            from(CycleSetting.GAUGES_TRIGGER.value(getCamelContext())).routeId("cycle-gauges")
                    .process(exchange -> gauges.refresh());
        }

        // One line per run, naming the due time it ran for: with several instances, Quartz runs each due time on one
        // of them (its clustered JDBC store), and the logs show which (TwoHubsIT counts them).
        from(CycleSetting.REMINDERS_TRIGGER.value(getCamelContext())).routeId("cycle-reminders")
                .bean(reminders, "due")
                .log(SCHEDULED_RUN + " cycle/reminders for " + DUE_TIME + ": ${body.size} reminder(s) due")
                .split(body())
                    .to(SEND_REMINDER)
                .end();

        // The database's primary key says whether a reminder went out (Reminders.take and sent). By e-mail the claim
        // is the reminder's outbox entry and the relay below sends it; by queue it is recorded after the broker took
        // it, and a refused one is given back for the next tick.
        from(SEND_REMINDER).routeId("cycle-reminder-send")
                .setProperty(REMINDER, body())
                .setExchangePattern(ExchangePattern.InOnly)
                .filter(e -> reminders.take(reminder(e), mail && reminder(e).byEmail()))
                .choice()
                    .when(e -> mail && reminder(e).byEmail())
                        .log("reminder ${exchangeProperty." + REMINDER + ".key} claimed for e-mail")
                    .otherwise()
                        .to(SEND_QUEUE_REMINDER)
                .end();

        var queue = from(SEND_QUEUE_REMINDER).routeId("cycle-reminder-queue")
                .doTry();
        queue.process(CycleRoutes::queueReminder)
                .recipientList(agencyQueue);
        queue.process(e -> reminders.sent(reminder(e), false))
                    .log("reminder ${exchangeProperty." + REMINDER + ".key} sent")
                .doCatch(Exception.class)
                    .process(e -> reminders.release(reminder(e)))
                    .log(LoggingLevel.WARN, "reminder ${exchangeProperty." + REMINDER + ".key} not sent: ${exception.message}")
                .end();

        from(CycleSetting.CONSOLIDATION_TRIGGER.value(getCamelContext())).routeId("cycle-consolidation-schedule")
                .bean(services.consolidations(), "draftsDue")
                .log(SCHEDULED_RUN + " cycle/consolidation for " + DUE_TIME + ": ${body.size} draft(s) due")
                .filter(simple("${body.size} > 0"))
                    .log("built ${body.size} draft consolidated report(s)");

        // The approval wrote the package into the outbox table, a reminder check the e-mail reminders into theirs;
        // this tick sends what the broker or the SMTP server does not have yet.
        var relay = from(CycleSetting.OUTBOX_RELAY_TRIGGER.value(getCamelContext()))
                .routeId(OUTBOX_RELAY_ROUTE_ID)
                .bean(services.outbox(), "drain");
        services.reminderOutbox().ifPresent(outbox -> relay.bean(outbox, "drain"));
    }

    private static Reminder reminder(Exchange exchange) {
        return exchange.getProperty(REMINDER, Reminder.class);
    }

    private static void queueReminder(Exchange exchange) {
        Reminder r = reminder(exchange);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("type", "REMINDER");
        body.put("agency", r.agency());
        body.put("plan", r.planId());
        body.put("year", r.year());
        body.put("dueDate", r.dueDate().toString());
        body.put("offsetDays", r.offsetDays());
        body.putPOJO("missingItems", r.missingItems());
        body.put("subject", r.subject());
        body.put("text", r.text());
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(H_MESSAGE_TYPE, "REMINDER");
        m.setHeader(Queues.DUPLICATE_ID, r.key());
        m.setBody(body.toString());
    }

}

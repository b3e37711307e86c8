package kz.gov.safework.cycle;

import kz.gov.safework.contract.envelope.Queues;
import static kz.gov.safework.cycle.CycleProperties.CONSOLIDATION_TRIGGER;
import static kz.gov.safework.cycle.CycleProperties.CONSOLIDATION_TRIGGER_DEFAULT;
import static kz.gov.safework.cycle.CycleProperties.JMS_URI_PREFIX;
import static kz.gov.safework.cycle.CycleProperties.JMS_URI_PREFIX_DEFAULT;
import static kz.gov.safework.cycle.CycleProperties.MAIL_URI;
import static kz.gov.safework.cycle.CycleProperties.OUTBOX_URI;
import static kz.gov.safework.cycle.CycleProperties.OUTBOX_URI_DEFAULT;
import static kz.gov.safework.cycle.CycleProperties.REMINDERS_TRIGGER;
import static kz.gov.safework.cycle.CycleProperties.REMINDERS_TRIGGER_DEFAULT;
import static kz.gov.safework.cycle.CycleProperties.value;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * consolidated report after the agencies' due date, and the approved package to the Government outbox.
 * The Quartz triggers only tick; what is due is decided by the injectable clock.
 */
public class CycleRoutes extends RouteBuilder {
    /** Approved packages: body = {@link ApprovedPackage}. */
    public static final String OUTBOX = "direct:cycle-outbox";
    static final String SEND_REMINDER = "direct:cycle-reminder";
    private static final String REMINDER = "swReminder";
    private static final String PACKAGE = "swPackage";

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

    @Override
    public void configure() {
        CycleServices services = CycleServices.of(getCamelContext());
        Reminders reminders = services.reminders();
        if ("jdbc".equals(value(getCamelContext(), CycleProperties.QUARTZ_STORE, CycleProperties.QUARTZ_STORE_DEFAULT))) {
            CycleQuartz.useJdbcStore(getCamelContext(), services.dataSource());
        }
        String mailUri = value(getCamelContext(), MAIL_URI, "");
        boolean mail = !mailUri.isEmpty();
        String queuePrefix = value(getCamelContext(), JMS_URI_PREFIX, JMS_URI_PREFIX_DEFAULT);
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

        from(value(getCamelContext(), REMINDERS_TRIGGER, REMINDERS_TRIGGER_DEFAULT)).routeId("cycle-reminders")
                .bean(reminders, "due")
                .split(body())
                    .to(SEND_REMINDER)
                .end();

        // Claim first (the database's primary key says whether it was already sent), then hand over;
        // give the claim back only when the transport refused, so the next tick retries.
        var send = from(SEND_REMINDER).routeId("cycle-reminder-send")
                .setProperty(REMINDER, body())
                .setExchangePattern(ExchangePattern.InOnly)
                .filter(method(reminders, "claim"))
                .doTry();
        if (mail) {
            send.choice()
                    .when(e -> reminder(e).byEmail())
                        .process(CycleRoutes::mailReminder)
                        .to(mailUri)
                    .otherwise()
                        .process(CycleRoutes::queueReminder)
                        .recipientList(agencyQueue)
                    .end();
        } else {
            send.process(CycleRoutes::queueReminder)
                    .recipientList(agencyQueue);
        }
        send.log("reminder ${exchangeProperty." + REMINDER + ".key} sent")
                .doCatch(Exception.class)
                    .process(e -> reminders.release(reminder(e)))
                    .log(LoggingLevel.WARN, "reminder ${exchangeProperty." + REMINDER + ".key} not sent: ${exception.message}")
                .end();

        from(value(getCamelContext(), CONSOLIDATION_TRIGGER, CONSOLIDATION_TRIGGER_DEFAULT)).routeId("cycle-consolidation-schedule")
                .bean(services.consolidations(), "draftsDue")
                .filter(simple("${body.size} > 0"))
                    .log("built ${body.size} draft consolidated report(s)");

        from(OUTBOX).routeId("cycle-outbox")
                .setProperty(PACKAGE, body())
                .setBody(e -> e.getMessage().getBody(ApprovedPackage.class).parts())
                .split(body()).stopOnException()
                    // one-way: the approval arrives over HTTP (in-out), which would make JMS wait for a reply
                    .setExchangePattern(ExchangePattern.InOnly)
                    .process(CycleRoutes::outboxPart)
                    .to(value(getCamelContext(), OUTBOX_URI, OUTBOX_URI_DEFAULT))
                .end()
                .setBody(exchangeProperty(PACKAGE))
                .log("consolidated report ${body.planId}/${body.year} version ${body.version} sent to the outbox");
    }

    private static Reminder reminder(Exchange exchange) {
        return exchange.getProperty(REMINDER, Reminder.class);
    }

    private static void mailReminder(Exchange exchange) {
        Reminder r = reminder(exchange);
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader("To", r.recipient());
        m.setHeader("Subject", r.subject());
        m.setHeader("Content-Type", "text/plain; charset=UTF-8");
        m.setBody(r.text());
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

    private static void outboxPart(Exchange exchange) {
        ApprovedPackage pkg = exchange.getProperty(PACKAGE, ApprovedPackage.class);
        ApprovedPackage.Part part = exchange.getMessage().getBody(ApprovedPackage.Part.class);
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(H_MESSAGE_TYPE, "CONSOLIDATED_REPORT");
        m.setHeader(H_CONSOLIDATION, pkg.consolidationId());
        m.setHeader(H_PLAN, pkg.planId());
        m.setHeader(H_YEAR, pkg.year());
        m.setHeader(H_VERSION, pkg.version());
        m.setHeader(H_PART, part.kind());
        m.setHeader(H_FILE_NAME, part.fileName());
        m.setHeader(H_CONTENT_TYPE, part.mediaType());
        m.setHeader(H_SHA256, part.sha256());
        m.setHeader(H_MANIFEST_SHA256, pkg.manifestSha256());
        m.setHeader("JMSXGroupID", pkg.consolidationId());
        m.setHeader(Queues.DUPLICATE_ID, pkg.consolidationId() + ":" + part.kind());
        m.setBody(part.body());
    }
}

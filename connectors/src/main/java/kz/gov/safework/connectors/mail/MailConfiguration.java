package kz.gov.safework.connectors.mail;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import kz.gov.safework.contract.MetricNames;
import kz.gov.safework.contract.envelope.Channel;
import kz.gov.safework.connectors.common.SourcePoll;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import kz.gov.safework.connectors.tls.TlsSettings;
import kz.gov.safework.connectors.identity.Credentials;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the mail channel into the hub (next to the route builders {@link MailIntakeRoutes} and
 * {@link MailReceiptRoutes}, which share its {@link MailBeans}): the embedded demo mail server when
 * {@code hub.mail.embedded=true}, the IMAP health check, the last-poll gauge and the gauge of replies refused for
 * good ({@value MailOutbox#UNDELIVERABLE_GAUGE}). Does nothing when mail is disabled.
 *
 * @param credentials the logins of the embedded server's mailboxes; null: the demo credentials file
 * @param meters where the last-poll gauges go; null (tests): none
 */
public record MailConfiguration(MailBeans beans, Credentials credentials, MeterRegistry meters) {
    public void configure(CamelContext context) throws Exception {
        TlsSettings tls = TlsSettings.load(context.getPropertiesComponent());
        if (tls.hasTruststore()) {
            // Also for an operator's own SMTPS endpoint, e.g. hub.cycle.mail.uri=smtps://...&sslContextParameters=#mailTls
            context.getRegistry().bind(MailEndpoints.TLS_BEAN, SSLContextParameters.class, tls.clientParameters());
        }
        MailSettings settings = MailSettings.load(context);
        if (!settings.enabled()) {
            return;
        }
        SourcePoll status = beans.pollStatus();
        if (settings.embedded().enabled()) {
            // Started with the context, before the routes: the intake's first poll finds the server up.
            context.addService(new EmbeddedMailServer(settings, beans.referenceData(), credentials), true, true);
        }
        context.addService(new Observability(context, settings, status, meters, beans,
                () -> beans.suspended().isSuspended(Channel.MAIL.id())), true, true);
    }

    /** Registers health check and gauge at start, when every configuration has bound its beans. */
    private static final class Observability extends ServiceSupport {
        private static final Logger LOG = LoggerFactory.getLogger(Observability.class);
        private final CamelContext context;
        private final MailSettings settings;
        private final SourcePoll status;
        private final MeterRegistry meters;
        private final BooleanSupplier suspended;
        private final MailBeans beans;
        private final AtomicLong undeliverable = new AtomicLong();
        private ScheduledExecutorService timer;

        Observability(CamelContext context, MailSettings settings, SourcePoll status, MeterRegistry meters,
                      MailBeans beans, BooleanSupplier suspended) {
            this.context = context;
            this.beans = beans;
            this.settings = settings;
            this.status = status;
            this.meters = meters;
            this.suspended = suspended;
        }

        @Override
        protected void doStart() {
            HealthCheckRegistry health = HealthCheckRegistry.get(context);
            if (health != null) {
                ImapHealthCheck check = new ImapHealthCheck(settings, status);
                check.setCamelContext(context);
                health.register(check);
            }
            if (meters != null) {
                status.bindGauges(meters, settings.pollDelayMillis(), suspended);
                // Read from the database (the same on every instance, and across restarts) on a timer of its own, at
                // the IMAP poll period: a scrape must never wait for the database, or an outage of it would make
                // the hub's metrics time out and look like the hub is down.
                MailReplyStore store = new MailReplyStore(beans.dataSource(), beans.clock());
                Gauge.builder(MailOutbox.UNDELIVERABLE_GAUGE, undeliverable, AtomicLong::doubleValue)
                        .description("Mail replies the SMTP server refused for good (5xx) in the last 24 hours")
                        .register(meters);
                timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "mail-gauges");
                timer.scheduleWithFixedDelay(() -> refresh(store), 0, settings.pollDelayMillis(), TimeUnit.MILLISECONDS);
            }
        }

        /** Keeps the last value while the database does not answer (the pipeline's outage shows that). */
        private void refresh(MailReplyStore store) {
            try {
                undeliverable.set(store.undeliverableSince(beans.clock().instant().minus(Duration.ofHours(24))));
            } catch (RuntimeException e) {
                LOG.debug("Gauge {} not refreshed: {}", MailOutbox.UNDELIVERABLE_GAUGE, e.toString());
            }
        }

        @Override
        protected void doStop() {
            if (timer != null) {
                context.getExecutorServiceManager().shutdownNow(timer);
                timer = null;
            }
        }
    }
}

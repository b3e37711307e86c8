package kz.gov.safework.observe;

import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.TlsLogin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.store.SubmissionStore;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * The observe capability's objects, built once by the application from its collaborators (the context for its
 * routes and health checks, the clock, the broker's management, the data source, the meter registry, the API
 * authenticator and the reference data) and passed to its route builders.
 */
public final class ObserveServices {
    private final CamelContext context;
    private final ObserveSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ReferenceData referenceData;
    private final BrokerManagement broker;
    private final QueueGauges queueGauges;
    private final DataDirSpace dataDirSpace;
    private final DeadLetters deadLetters;
    private final OperatorActions actions;
    private final SubmissionStore submissions;
    private final OperatorAuthorization authorization;
    private final ChannelSuspensions channelSuspensions;
    private volatile boolean metersBound;

    /** Without channels an operator can suspend (tests of the rest of the observe capability). */
    public ObserveServices(CamelContext context, Clock clock, BrokerManagement broker, DataSource dataSource,
                           SubmissionStore submissions,
                           MeterRegistry meters, ApiAuthenticator authenticator, TlsLogin certificates,
                           ReferenceData referenceData) {
        this(context, clock, broker, dataSource, submissions, meters, authenticator, certificates, referenceData,
                java.util.List.of());
    }

    /** @param intakeChannels the channels whose intake an operator can suspend and resume */
    public ObserveServices(CamelContext context, Clock clock, BrokerManagement broker, DataSource dataSource,
                           SubmissionStore submissions,
                           MeterRegistry meters, ApiAuthenticator authenticator, TlsLogin certificates,
                           ReferenceData referenceData, java.util.List<IntakeChannel> intakeChannels) {
        this.context = context;
        this.settings = ObserveSettings.from(context);
        this.clock = clock;
        this.meters = meters;
        this.referenceData = referenceData;
        this.broker = broker;
        this.queueGauges = new QueueGauges(broker, settings.watchedQueues(), clock);
        this.dataDirSpace = new DataDirSpace(settings.dataDir());
        this.actions = new OperatorActions(dataSource);
        this.deadLetters = new DeadLetters(broker, actions, clock, settings.deadLetterQueue(),
                settings.defaultRetryAddress(), settings.deadLetterListLimit(), settings.deadLetterViewMaxBytes());
        this.submissions = submissions;
        this.authorization = new OperatorAuthorization(authenticator, certificates);
        this.channelSuspensions = new ChannelSuspensions(dataSource, actions, clock, intakeChannels);
    }

    /** Queue, disk gauges, the disk health check and each channel's intake check; once, when the meter registry exists. */
    synchronized void bindMetersAndHealth() {
        if (metersBound) {
            return;
        }
        MeterRegistry registry = meterRegistry();
        queueGauges.bindTo(registry);
        Gauge.builder(HubMeters.DATA_DIR_FREE, dataDirSpace, DataDirSpace::usableBytes)
                .description("Usable bytes on the file system of hub.data-dir")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder(HubMeters.DATA_DIR_SIZE, dataDirSpace, DataDirSpace::totalBytes)
                .description("Size of the file system of hub.data-dir")
                .baseUnit("bytes")
                .register(registry);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            DiskSpaceHealthCheck check = new DiskSpaceHealthCheck(dataDirSpace, settings.diskMinFreeBytes(),
                    settings.brokerMaxDiskUsage());
            check.setCamelContext(context);
            health.register(check);
            for (IntakeChannel channel : channelSuspensions.channels()) {
                IntakeHealthCheck intake = new IntakeHealthCheck(channel, channelSuspensions);
                intake.setCamelContext(context);
                health.register(intake);
            }
        }
        metersBound = true;
    }

    public MeterRegistry meterRegistry() {
        return meters;
    }

    public Clock clock() {
        return clock;
    }

    public ReferenceData referenceData() {
        return referenceData;
    }

    public ObserveSettings settings() {
        return settings;
    }

    public BrokerManagement broker() {
        return broker;
    }

    public QueueGauges queueGauges() {
        return queueGauges;
    }

    public DataDirSpace dataDirSpace() {
        return dataDirSpace;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public OperatorActions actions() {
        return actions;
    }

    public SubmissionStore submissions() {
        return submissions;
    }

    public ChannelSuspensions channelSuspensions() {
        return channelSuspensions;
    }

    public OperatorAuthorization authorization() {
        return authorization;
    }

    public RouteOverview routeOverview() {
        return new RouteOverview(context, meterRegistry());
    }

    public ChannelOverview channelOverview() {
        return new ChannelOverview(context, meterRegistry());
    }
}

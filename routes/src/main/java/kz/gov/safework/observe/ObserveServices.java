package kz.gov.safework.observe;

import kz.gov.safework.api.ApiAuthenticator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * The observe capability's objects, built once per CamelContext from the beans the application binds
 * ({@code jms}, {@code hubDataSource}, {@code metricsRegistry}, {@code hubAuthenticator}, optional
 * {@code clock} and {@code brokerManagement}) and shared by its route builders.
 */
public final class ObserveServices {
    static final String BEAN = "hubObserveServices";

    private final CamelContext context;
    private final ObserveSettings settings;
    private final BrokerManagement broker;
    private final QueueGauges queueGauges;
    private final DataDirSpace dataDirSpace;
    private final DeadLetters deadLetters;
    private final OperatorActions actions;
    private final RecentSubmissions submissions;
    private final OperatorAuthorization authorization;
    private volatile boolean metersBound;

    private ObserveServices(CamelContext context) {
        this.context = context;
        this.settings = ObserveSettings.from(context);
        Clock clock = optionalBean(context, "clock", Clock.class, Clock.systemUTC());
        BrokerManagement bound = optionalBean(context, "brokerManagement", BrokerManagement.class, null);
        this.broker = bound != null ? bound : new ArtemisManagement(hubConnectionFactory(context));
        DataSource dataSource = requiredBean(context, "hubDataSource", DataSource.class);
        this.queueGauges = new QueueGauges(broker, settings.watchedQueues(), clock);
        this.dataDirSpace = new DataDirSpace(settings.dataDir());
        this.actions = new OperatorActions(dataSource);
        this.deadLetters = new DeadLetters(broker, actions, clock, settings.deadLetterQueue(),
                settings.defaultRetryAddress(), settings.deadLetterListLimit(), settings.deadLetterViewMaxBytes());
        this.submissions = new RecentSubmissions(dataSource);
        this.authorization = new OperatorAuthorization(
                requiredBean(context, ApiAuthenticator.BEAN, ApiAuthenticator.class));
    }

    /** The services of this context, created on first call. */
    public static synchronized ObserveServices of(CamelContext context) {
        ObserveServices services = context.getRegistry().lookupByNameAndType(BEAN, ObserveServices.class);
        if (services == null) {
            services = new ObserveServices(context);
            context.getRegistry().bind(BEAN, services);
        }
        return services;
    }

    /** Queue, disk gauges and the disk health check; once, when the meter registry exists. */
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
        }
        metersBound = true;
    }

    public MeterRegistry meterRegistry() {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (registry == null) {
            registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        }
        if (registry == null) {
            throw new IllegalStateException("No Micrometer registry bound as metricsRegistry"
                    + " (enable camel.metrics.enabled=true with camel-micrometer-prometheus)");
        }
        return registry;
    }

    private static ConnectionFactory hubConnectionFactory(CamelContext context) {
        JmsComponent jms = context.getComponent("jms", JmsComponent.class);
        ConnectionFactory factory = jms == null ? null : jms.getConfiguration().getConnectionFactory();
        if (factory == null) {
            throw new IllegalStateException("Component jms has no connection factory: operators need it for"
                    + " broker management (or bind a BrokerManagement as bean brokerManagement)");
        }
        return factory;
    }

    private static <T> T requiredBean(CamelContext context, String name, Class<T> type) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("Bean " + name + " (" + type.getName() + ") must be bound for the"
                    + " operator console and API");
        }
        return bean;
    }

    private static <T> T optionalBean(CamelContext context, String name, Class<T> type, T fallback) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        return bean == null ? fallback : bean;
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

    public RecentSubmissions submissions() {
        return submissions;
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

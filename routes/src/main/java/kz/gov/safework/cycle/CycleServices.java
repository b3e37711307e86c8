package kz.gov.safework.cycle;

import kz.gov.safework.api.ApiAuthenticator;
import java.time.Clock;
import java.time.ZoneId;
import javax.sql.DataSource;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The cycle's services, made once per Camel context from the hub's beans ({@code hubDataSource},
 * {@code referenceData}, {@code clock}) and the {@code hub.cycle.*} properties, and kept in the registry
 * as {@value #BEAN_NAME} so both route builders share them.
 */
public final class CycleServices {
    public static final String BEAN_NAME = "cycleServices";

    private final CycleData data;
    private final DataSource dataSource;
    private final Reminders reminders;
    private final Consolidations consolidations;
    private final CycleApi api;
    private final GovernmentOutbox outbox;
    private final ReminderOutbox reminderOutbox;

    CycleServices(CycleData data, DataSource dataSource, ReminderSchedule schedule, boolean remindByAgreement,
                  ZoneId zone, CamelContext context) {
        this.data = data;
        this.dataSource = dataSource;
        this.reminders = new Reminders(data, schedule, remindByAgreement);
        this.consolidations = new Consolidations(data, zone);
        this.outbox = new GovernmentOutbox(data.store(), data.clock(), context);
        String mailUri = CycleProperties.value(context, CycleProperties.MAIL_URI, "");
        this.reminderOutbox = mailUri.isEmpty() ? null : new ReminderOutbox(data.store(), data.clock(), context, mailUri,
                new kz.gov.safework.contract.Backoff(java.time.Duration.ofMillis(Long.parseLong(CycleProperties.value(context,
                        CycleProperties.REMINDER_RETRY_DELAY, CycleProperties.REMINDER_RETRY_DELAY_DEFAULT).trim())),
                        java.time.Duration.ofMillis(Long.parseLong(CycleProperties.value(context,
                        CycleProperties.REMINDER_MAX_RETRY_DELAY, CycleProperties.REMINDER_MAX_RETRY_DELAY_DEFAULT).trim()))));
        this.api = new CycleApi(data, consolidations, () -> context.getRegistry()
                .lookupByNameAndType(ApiAuthenticator.BEAN, ApiAuthenticator.class));
    }

    public static synchronized CycleServices of(CamelContext context) {
        CycleServices services = context.getRegistry().lookupByNameAndType(BEAN_NAME, CycleServices.class);
        if (services == null) {
            PropertiesComponent properties = context.getPropertiesComponent();
            ZoneId zone = ZoneId.of(properties.resolveProperty(CycleProperties.ZONE).orElse(CycleProperties.ZONE_DEFAULT));
            ReminderSchedule schedule = ReminderSchedule.parse(properties.resolveProperty(CycleProperties.REMINDER_OFFSETS)
                    .orElse(CycleProperties.REMINDER_OFFSETS_DEFAULT));
            DataSource dataSource = required(context, "hubDataSource", DataSource.class);
            CycleData data = new CycleData(required(context, "referenceData", ReferenceData.class),
                    new CycleStore(dataSource), required(context, "clock", Clock.class), zone);
            boolean byAgreement = Boolean.parseBoolean(properties.resolveProperty(CycleProperties.REMINDERS_BY_AGREEMENT)
                    .orElse(CycleProperties.REMINDERS_BY_AGREEMENT_DEFAULT).trim());
            services = new CycleServices(data, dataSource, schedule, byAgreement, zone, context);
            context.getRegistry().bind(BEAN_NAME, services);
        }
        return services;
    }

    private static <T> T required(CamelContext context, String name, Class<T> type) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("the reporting cycle needs a bean '" + name + "' of type " + type.getName());
        }
        return bean;
    }

    public CycleData data() {
        return data;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Reminders reminders() {
        return reminders;
    }

    public Consolidations consolidations() {
        return consolidations;
    }

    public CycleApi api() {
        return api;
    }

    public GovernmentOutbox outbox() {
        return outbox;
    }

    /** The relay of e-mail reminders; empty when {@code hub.cycle.mail.uri} is not set (every reminder by queue). */
    public java.util.Optional<ReminderOutbox> reminderOutbox() {
        return java.util.Optional.ofNullable(reminderOutbox);
    }
}

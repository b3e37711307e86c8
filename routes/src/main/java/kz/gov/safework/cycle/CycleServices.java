package kz.gov.safework.cycle;

import kz.gov.safework.api.ApiAuthentication;
import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.TlsLogin;
import kz.gov.safework.contract.Backoff;
import kz.gov.safework.contract.reference.Principals.Role;
import kz.gov.safework.contract.signature.PackageSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import javax.sql.DataSource;
import kz.gov.safework.store.DatabaseLock;
import kz.gov.safework.contract.reference.ReferenceData;
import kz.gov.safework.store.SubmissionStore;
import org.apache.camel.CamelContext;

/**
 * The cycle's services, made once by the application from its data source, reference data, clock and API
 * authenticator and the {@code hub.cycle.*} properties, and passed to both route builders.
 */
public final class CycleServices {
    private final CycleData data;
    private final DataSource dataSource;
    private final Reminders reminders;
    private final Consolidations consolidations;
    private final CycleApi api;
    private final GovernmentOutbox outbox;
    private final ApiAuthentication authentication;
    private final ReminderOutbox reminderOutbox;

    CycleServices(CycleData data, DataSource dataSource, ReminderSchedule schedule, boolean remindByAgreement,
                  ZoneId zone, CamelContext context, ApiAuthenticator authenticator, TlsLogin certificates,
                  PackageSigner signer) {
        this.data = data;
        this.dataSource = dataSource;
        this.reminders = new Reminders(data, schedule, remindByAgreement);
        this.consolidations = new Consolidations(data, zone, new DatabaseLock(dataSource), signer);
        this.outbox = new GovernmentOutbox(data.store(), data.clock(), context);
        this.api = new CycleApi(data, consolidations);
        this.authentication = ApiAuthentication.anyOf(authenticator, certificates,
                Role.OPERATOR, Role.MTSZN, Role.AGENCY, Role.GOVERNMENT);
        String mailUri = CycleSetting.MAIL_URI.value(context);
        Backoff reminderRetry = new Backoff(millis(context, CycleSetting.REMINDER_RETRY_DELAY),
                millis(context, CycleSetting.REMINDER_MAX_RETRY_DELAY));
        this.reminderOutbox = mailUri.isEmpty() ? null
                : new ReminderOutbox(data.store(), data.clock(), context, mailUri, reminderRetry);
    }

    private static Duration millis(CamelContext context, CycleSetting setting) {
        return Duration.ofMillis(Long.parseLong(setting.value(context)));
    }

    /**
     * The services over these collaborators (the Government's package signed with {@code signer}), configured by the
     * context's {@code hub.cycle.*} properties.
     */
    public static CycleServices create(CamelContext context, DataSource dataSource, SubmissionStore submissions,
                                       ReferenceData referenceData,
                                       Clock clock, ApiAuthenticator authenticator, TlsLogin certificates,
                                       PackageSigner signer) {
        ZoneId zone = ZoneId.of(CycleSetting.ZONE.value(context));
        ReminderSchedule schedule = ReminderSchedule.parse(CycleSetting.REMINDER_OFFSETS.value(context));
        CycleData data = new CycleData(referenceData, new CycleStore(dataSource), submissions, clock, zone);
        boolean byAgreement = Boolean.parseBoolean(CycleSetting.REMINDERS_BY_AGREEMENT.value(context));
        return new CycleServices(data, dataSource, schedule, byAgreement, zone, context, authenticator, certificates,
                signer);
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

    /** The first step of every cycle API route: a login with a role (operator, MTSZN, an agency, the Government). */
    public ApiAuthentication authentication() {
        return authentication;
    }

    public GovernmentOutbox outbox() {
        return outbox;
    }

    /** The relay of e-mail reminders; empty when {@code hub.cycle.mail.uri} is not set (every reminder by queue). */
    public Optional<ReminderOutbox> reminderOutbox() {
        return Optional.ofNullable(reminderOutbox);
    }
}

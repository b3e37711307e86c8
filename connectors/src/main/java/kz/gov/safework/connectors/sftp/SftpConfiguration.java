package kz.gov.safework.connectors.sftp;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import kz.gov.safework.connectors.common.SuspendedChannels;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.camel.CamelContext;

/**
 * Wires the SFTP channel from the collaborators the application passes in: the drop box routes (which start the
 * embedded server as a Camel service) and the remote polling routes, configured by {@code hub.sftp.*}.
 *
 * @param dataSource the remote polls' idempotent store; may be null when no agency is polled remotely
 * @param meters the remote polls' gauges; null (tests) for none
 * @param suspended which channels an operator has suspended: the drop box ({@code sftp}) and each agency's server
 *                  ({@code sftp-remote-<CODE>}) are not polled while theirs is
 */
public record SftpConfiguration(ReferenceData referenceData, Credentials credentials, DataSource dataSource,
                                Clock clock, MeterRegistry meters, SuspendedChannels suspended) {

    public SftpConfiguration {
        Objects.requireNonNull(referenceData, "referenceData");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(suspended, "suspended");
    }

    /** With no channel ever suspended. */
    public SftpConfiguration(ReferenceData referenceData, Credentials credentials, DataSource dataSource, Clock clock,
                             MeterRegistry meters) {
        this(referenceData, credentials, dataSource, clock, meters, SuspendedChannels.NONE);
    }

    public void configure(CamelContext context) throws Exception {
        SftpSettings settings = SftpSettings.from(context.getPropertiesComponent());
        context.addRoutes(new DropBoxRoutes(settings, referenceData, credentials, clock, suspended));
        context.addRoutes(new RemoteSftpRoutes(settings, referenceData, dataSource, clock, meters, suspended));
    }
}

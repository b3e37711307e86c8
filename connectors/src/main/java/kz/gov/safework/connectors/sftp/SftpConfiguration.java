package kz.gov.safework.connectors.sftp;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import kz.gov.safework.connectors.identity.Credentials;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.camel.CamelContext;

/**
 * Wires the SFTP channel from the collaborators the application passes in: the drop box routes (which start the
 * embedded server as a Camel service) and the remote polling routes, configured by {@code hub.sftp.*}.
 *
 * @param dataSource the remote polls' idempotent store; may be null when no agency is polled remotely
 * @param meters the remote polls' gauges; null (tests) for none
 */
public record SftpConfiguration(ReferenceData referenceData, Credentials credentials, DataSource dataSource,
                                Clock clock, MeterRegistry meters) {

    public SftpConfiguration {
        Objects.requireNonNull(referenceData, "referenceData");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(clock, "clock");
    }

    public void configure(CamelContext context) throws Exception {
        SftpSettings settings = SftpSettings.from(context.getPropertiesComponent());
        context.addRoutes(new DropBoxRoutes(settings, referenceData, credentials, clock));
        context.addRoutes(new RemoteSftpRoutes(settings, referenceData, dataSource, clock, meters));
    }
}

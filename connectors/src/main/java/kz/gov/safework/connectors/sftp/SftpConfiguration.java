package kz.gov.safework.connectors.sftp;

import java.time.Clock;
import java.util.Set;

import kz.gov.safework.connectors.identity.Credentials;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.NoSuchBeanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the SFTP channel: binds the drop box routes (which start the embedded server as a Camel service)
 * and the remote polling routes to the registry, where Camel Main collects them. Both read
 * {@code referenceData}, {@code clock}, {@code credentials} and {@code hubDataSource} from the registry when
 * the routes are built, so the order of configuration classes does not matter.
 */
public class SftpConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SftpConfiguration.class);

    public static final String REFERENCE_DATA = "referenceData";
    public static final String DATA_SOURCE = "hubDataSource";
    public static final String CLOCK = "clock";
    public static final String CREDENTIALS = "credentials";

    @Override
    public void configure(CamelContext context) throws Exception {
        SftpSettings settings = SftpSettings.from(context.getPropertiesComponent());
        context.getRegistry().bind("sftpDropBoxRoutes", new DropBoxRoutes(settings));
        context.getRegistry().bind("sftpRemoteRoutes", new RemoteSftpRoutes(settings));
    }

    static <T> T lookup(CamelContext context, String name, Class<T> type) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new NoSuchBeanException(name, type.getName());
        }
        return bean;
    }

    static Clock clock(CamelContext context) {
        Clock clock = context.getRegistry().lookupByNameAndType(CLOCK, Clock.class);
        return clock != null ? clock : Clock.systemUTC();
    }

    static Credentials credentials(CamelContext context) {
        Credentials credentials = context.getRegistry().lookupByNameAndType(CREDENTIALS, Credentials.class);
        if (credentials == null) {
            Set<Credentials> found = context.getRegistry().findByType(Credentials.class);
            credentials = found.size() == 1 ? found.iterator().next() : null;
        }
        if (credentials == null) {
            LOG.warn("No '{}' bean: the SFTP drop box accepts public-key logins only", CREDENTIALS);
            return Credentials.empty();
        }
        return credentials;
    }
}

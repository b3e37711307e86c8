package kz.gov.safework.connectors.mail;

import java.time.Clock;
import javax.sql.DataSource;
import kz.gov.safework.contract.reference.ReferenceData;
import org.apache.camel.CamelContext;
import org.apache.camel.NoSuchBeanException;

/** The hub's shared beans the mail channel uses, looked up by their agreed registry names. */
final class MailBeans {
    static final String REFERENCE_DATA = "referenceData";
    static final String DATA_SOURCE = "hubDataSource";
    static final String CLOCK = "clock";

    private MailBeans() {
    }

    static ReferenceData referenceData(CamelContext context) {
        return required(context, REFERENCE_DATA, ReferenceData.class);
    }

    static DataSource dataSource(CamelContext context) {
        return required(context, DATA_SOURCE, DataSource.class);
    }

    static Clock clock(CamelContext context) {
        Clock clock = context.getRegistry().lookupByNameAndType(CLOCK, Clock.class);
        return clock == null ? Clock.systemUTC() : clock;
    }

    private static <T> T required(CamelContext context, String name, Class<T> type) {
        T bean = context.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new NoSuchBeanException(name, type.getName());
        }
        return bean;
    }
}

package kz.gov.safework.observe;

import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.MDC;

/**
 * Puts a document's submission id and agency into the logging MDC (keys {@value #SUBMISSION_ID} and
 * {@value #AGENCY}, which {@code log4j2-hub.xml} prints) for the rest of its exchange, and takes them out
 * when the exchange is done, so they never stick to the next document on the same thread. With
 * {@code camel.main.useMdcLogging=true} and {@code camel.main.mdcLoggingKeysPattern=submissionId,agency}
 * Camel carries them across asynchronous hops.
 */
public final class DocumentLogContext {
    public static final String SUBMISSION_ID = "submissionId";
    public static final String AGENCY = "agency";

    private DocumentLogContext() {
    }

    /** A pipeline step: reads {@code swSubmissionId} and {@code swAgency} from the message. */
    public static Processor fromEnvelopeHeaders() {
        return exchange -> enter(exchange,
                exchange.getMessage().getHeader(EnvelopeHeaders.SUBMISSION_ID, String.class),
                exchange.getMessage().getHeader(EnvelopeHeaders.AGENCY, String.class));
    }

    public static void enter(Exchange exchange, String submissionId, String agency) {
        put(SUBMISSION_ID, submissionId);
        put(AGENCY, agency);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                MDC.remove(SUBMISSION_ID);
                MDC.remove(AGENCY);
            }
        });
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}

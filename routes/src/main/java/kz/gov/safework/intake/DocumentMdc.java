package kz.gov.safework.intake;

import kz.gov.safework.document.Envelope;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.MDC;

/**
 * Puts the document's submission id and agency into the logging MDC ({@value #SUBMISSION_ID}, {@value #AGENCY})
 * for the rest of the pipeline exchange, and takes them out when the exchange is done (completed, failed or given
 * up), so every line the pipeline writes for a document names it, and none of the next document's does. Camel's
 * own MDC logging ({@code camel.main.use-mdc-logging}) adds the route id beside them.
 */
final class DocumentMdc {
    static final String SUBMISSION_ID = "submissionId";
    static final String AGENCY = "agency";

    private DocumentMdc() {
    }

    /** After {@link EnvelopeReader}: the body is the {@link Envelope}. */
    static void open(Exchange exchange) {
        Envelope envelope = exchange.getMessage().getBody(Envelope.class);
        MDC.put(SUBMISSION_ID, envelope.submissionId());
        MDC.put(AGENCY, String.valueOf(envelope.agency()));
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                close();
            }
        });
    }

    static void close() {
        MDC.remove(SUBMISSION_ID);
        MDC.remove(AGENCY);
    }
}

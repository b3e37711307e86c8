package kz.gov.safework.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import kz.gov.safework.contract.envelope.EnvelopeHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class DocumentLogContextTest {

    @Test
    void documentStepsLogWithSubmissionIdAndAgencyAndTheNextDocumentStartsClean() throws Exception {
        Map<String, String> seen = new HashMap<>();
        try (CamelContext context = new DefaultCamelContext()) {
            context.setUseMDCLogging(true);
            context.setMDCLoggingKeysPattern(DocumentLogContext.SUBMISSION_ID + "," + DocumentLogContext.AGENCY);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:document").routeId("test-document")
                            .process(DocumentLogContext.fromEnvelopeHeaders())
                            .process(exchange -> seen.putAll(MDC.getCopyOfContextMap()));
                }
            });
            context.start();
            ProducerTemplate producer = context.createProducerTemplate();

            producer.sendBodyAndHeaders("direct:document", "<report/>",
                    Map.of(EnvelopeHeaders.SUBMISSION_ID, "sub-7", EnvelopeHeaders.AGENCY, "MZ"));

            assertThat(seen).containsEntry("submissionId", "sub-7").containsEntry("agency", "MZ")
                    .containsEntry("camel.routeId", "test-document");
            assertThat(MDC.get("submissionId")).isNull();
            assertThat(MDC.get("agency")).isNull();
        }
    }
}

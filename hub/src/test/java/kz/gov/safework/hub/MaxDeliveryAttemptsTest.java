package kz.gov.safework.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** hub.broker.max-delivery-attempts: its own key, the old hub.pipeline.max-attempts as fallback, never below it. */
class MaxDeliveryAttemptsTest {

    private static Settings settings(String pipeline, String broker) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty(HubSettings.PIPELINE_MAX_ATTEMPTS, pipeline);
        properties.setProperty(HubSettings.BROKER_MAX_DELIVERY_ATTEMPTS, broker);
        context.getPropertiesComponent().setInitialProperties(properties);
        return new Settings(context);
    }

    @Test
    void emptyBrokerKeyFallsBackToThePipelineKey() {
        assertEquals(7, HubConfiguration.brokerMaxDeliveryAttempts(settings("7", "")));
    }

    @Test
    void brokerKeyWinsWhenSet() {
        assertEquals(9, HubConfiguration.brokerMaxDeliveryAttempts(settings("5", "9")));
        assertEquals(5, HubConfiguration.brokerMaxDeliveryAttempts(settings("5", "5")));
    }

    @Test
    void brokerBelowPipelineRefusesToStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> HubConfiguration.brokerMaxDeliveryAttempts(settings("5", "4")));
        assertEquals(true, refused.getMessage().contains("hub.broker.max-delivery-attempts=4"));
    }
}

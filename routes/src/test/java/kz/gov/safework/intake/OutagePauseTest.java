package kz.gov.safework.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kz.gov.safework.store.OutageException;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The pipeline's pause for an outage of the store, on a route with two consumers that fail at the same moment (the
 * case where Camel's circuit breaker stayed open for ever): the route pauses once, documents sent meanwhile wait, and
 * when the store is back every one of them is taken.
 */
class OutagePauseTest {
    @RepeatedTest(5)
    void twoConsumersFailingTogetherPauseTheRouteOnceAndItResumesWhenTheStoreIsBack() throws Exception {
        AtomicBoolean storeBack = new AtomicBoolean();
        CyclicBarrier together = new CyclicBarrier(2);
        List<String> taken = new CopyOnWriteArrayList<>();
        OutagePause pause = new OutagePause(storeBack::get, 50);
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("seda:in?concurrentConsumers=2").routeId("pipeline").routePolicy(pause)
                        .process(e -> {
                            String body = e.getMessage().getBody(String.class);
                            if (body.startsWith("down")) {
                                together.await(10, TimeUnit.SECONDS);
                                throw new OutageException("database gone", null);
                            }
                            taken.add(body);
                        });
            }
        });
        context.start();
        try (ProducerTemplate producer = context.createProducerTemplate()) {
            producer.sendBody("seda:in", "down-1");
            producer.sendBody("seda:in", "down-2");
            await().atMost(Duration.ofSeconds(10)).until(pause::paused);

            for (int i = 0; i < 3; i++) {
                producer.sendBody("seda:in", "waiting-" + i);
            }
            SedaEndpoint in = context.getEndpoint("seda:in", SedaEndpoint.class);
            assertThat(in.getCurrentQueueSize()).as("documents wait while the store is down").isEqualTo(3);
            assertThat(taken).isEmpty();

            storeBack.set(true);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(taken).containsExactlyInAnyOrder("waiting-0", "waiting-1", "waiting-2"));
            assertThat(pause.paused()).isFalse();
        } finally {
            context.stop();
        }
    }
}

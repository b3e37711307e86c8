package kz.gov.safework.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import kz.gov.safework.contract.receipt.Receipt;
import kz.gov.safework.contract.validation.ValidationError;

/**
 * The pipeline's own metrics: submissions by channel, agency and status; validation errors by code;
 * time from receipt of a document to its receipt being sent.
 */
public final class PipelineMetrics {
    private final MeterRegistry registry;
    private final Clock clock;

    public PipelineMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    void judged(Envelope envelope, Receipt receipt) {
        Counter.builder("hub.submissions")
                .description("Documents judged, by channel, agency and receipt status")
                .tag("channel", envelope.channel().id())
                .tag("agency", receipt.agency() == null ? "unknown" : receipt.agency())
                .tag("status", receipt.status().name())
                .register(registry).increment();
        for (ValidationError error : receipt.errors()) {
            Counter.builder("hub.validation.errors").description("Validation errors by code")
                    .tag("code", error.code().name()).register(registry).increment();
        }
    }

    /** Called when the receipt has been handed to its channel. */
    public void receiptSent(String channel, Instant receivedAt) {
        Timer.builder("hub.end.to.end").description("From receipt of a document to its receipt sent")
                .tag("channel", channel).publishPercentileHistogram()
                .register(registry).record(Duration.between(receivedAt, Instant.now(clock)));
    }
}

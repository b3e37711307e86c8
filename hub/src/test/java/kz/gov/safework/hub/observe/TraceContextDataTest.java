package kz.gov.safework.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Log lines written while a span is current carry its trace id; others carry nothing extra. */
class TraceContextDataTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void aLineWrittenInsideASpanCarriesItsTraceId() {
        Span span = Span.wrap(SpanContext.create(TRACE, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault()));
        try (Scope scope = span.makeCurrent()) {
            assertThat(new TraceContextData().supplyContextData()).isEqualTo(Map.of(TraceContextData.TRACE_ID, TRACE));
        }
    }

    @Test
    void aLineWrittenOutsideAnySpanCarriesNoTraceId() {
        assertThat(new TraceContextData().supplyContextData()).isEmpty();
    }
}

package kz.gov.safework.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A traceparent from outside continues a trace only when it is exactly W3C's format; nothing else crosses. */
class TraceParentTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";
    private static final TextMapGetter<Map<String, Object>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, Object> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, Object> carrier, String key) {
            Object value = carrier.get(key);
            return value == null ? null : value.toString();
        }
    };

    @Test
    void aValidTraceparentNamesTheRemoteParent() {
        SpanContext parent = TraceParent.parse("00-" + TRACE + "-" + SPAN + "-01").orElseThrow();

        assertThat(parent.getTraceId()).isEqualTo(TRACE);
        assertThat(parent.getSpanId()).isEqualTo(SPAN);
        assertThat(parent.isSampled()).isTrue();
        assertThat(parent.isRemote()).isTrue();
        assertThat(TraceParent.parse("00-" + TRACE + "-" + SPAN + "-00").orElseThrow().isSampled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01", // upper case
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902B7-01", // one upper-case digit in the parent id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A", // upper-case flags
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // zero parent id
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // another version
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-", // longer
        "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01", // dashes in the wrong places
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7_01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g", // not hex
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bg-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b/-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b:-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b`-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b\n-01",
        " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1"})
    void anythingElseIsNoTraceparent(String value) {
        assertThat(TraceParent.parse(value)).isEmpty();
    }

    @Test
    void aValueThatIsNotTextIsNoTraceparent() {
        assertThat(TraceParent.parse(null)).isEmpty();
        assertThat(TraceParent.parse(42L)).isEmpty();
    }

    @Test
    void thePropagatorContinuesAValidTraceAndIgnoresTracestateAndBaggage() {
        Map<String, Object> headers = new HashMap<>(Map.of(TraceParent.HEADER, "00-" + TRACE + "-" + SPAN + "-01",
                "tracestate", "vendor=evil", "baggage", "role=operator"));

        Context context = new TraceParentPropagator().extract(Context.root(), headers, MAP);

        SpanContext parent = Span.fromContext(context).getSpanContext();
        assertThat(parent.getTraceId()).isEqualTo(TRACE);
        assertThat(parent.getSpanId()).isEqualTo(SPAN);
        assertThat(parent.getTraceState().isEmpty()).isTrue();
        assertThat(io.opentelemetry.api.baggage.Baggage.fromContext(context).isEmpty()).isTrue();
    }

    @Test
    void thePropagatorIgnoresAMalformedTraceparent() {
        Context context = new TraceParentPropagator().extract(Context.root(),
                Map.of(TraceParent.HEADER, "00-" + TRACE.toUpperCase() + "-" + SPAN + "-01"), MAP);

        assertThat(Span.fromContext(context).getSpanContext().isValid()).isFalse();
        assertThat(new TraceParentPropagator().extract(null, Map.of(), MAP)).isEqualTo(Context.root());
    }

    @Test
    void thePropagatorWritesTheCurrentSpanAsTraceparentOnly() {
        SpanContext span = SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.builder().put("a", "b").build());
        Map<String, String> headers = new HashMap<>();

        new TraceParentPropagator().inject(Context.root().with(Span.wrap(span)), headers, Map::put);

        assertThat(headers).containsExactly(Map.entry(TraceParent.HEADER, "00-" + TRACE + "-" + SPAN + "-01"));
        assertThat(new TraceParentPropagator().fields()).containsExactly(TraceParent.HEADER);
    }

    @Test
    void nothingIsWrittenWithoutASpan() {
        Map<String, String> headers = new HashMap<>();

        new TraceParentPropagator().inject(Context.root(), headers, Map::put);

        assertThat(headers).isEmpty();
    }
}

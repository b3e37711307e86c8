package kz.gov.safework.observe;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;

/**
 * The hub's only propagator: the W3C {@code traceparent}, nothing else. It writes the current span as
 * {@code traceparent} on every message the hub sends, and reads it from every message, file or request it
 * takes in, where the value is hostile: only a value {@link TraceParent} accepts continues a trace; a
 * malformed one is ignored (a new trace starts). {@code tracestate} and {@code baggage} are neither read
 * nor written, so nothing a sender wrote there travels through the hub.
 */
public final class TraceParentPropagator implements TextMapPropagator {
    private static final List<String> FIELDS = List.of(TraceParent.HEADER);

    @Override
    public List<String> fields() {
        return FIELDS;
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (carrier != null && setter != null && span.isValid()) {
            setter.set(carrier, TraceParent.HEADER,
                    "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
        }
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
        if (context == null) {
            context = Context.root();
        }
        if (carrier == null || getter == null) {
            return context;
        }
        Context base = context;
        return TraceParent.parse(getter.get(carrier, TraceParent.HEADER))
                .map(parent -> base.with(Span.wrap(parent)))
                .orElse(base);
    }
}

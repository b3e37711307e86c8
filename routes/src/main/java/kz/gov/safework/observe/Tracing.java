package kz.gov.safework.observe;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;

/**
 * Camel's OpenTelemetry tracing (camel-opentelemetry2) on the OTel SDK, switched on only when a span processor
 * is given: with tracing off nothing is installed (no tracer, no processor, no exporter), and
 * {@link #currentTraceId()} answers null. One span per route a document passes and per message it sends; the
 * context crosses every queue as the {@code traceparent} message property ({@link TraceParentPropagator}).
 */
public final class Tracing {
    /** Housekeeping, not a document's journey: timers (queue gauges, retention) and health and metrics probes. */
    static final String EXCLUDED = "timer:*,platform-http:/observe*";

    private Tracing() {
    }

    /**
     * Installs tracing into a context before its routes are added: the SDK's tracer and the hub's propagator in
     * the registry (where camel-opentelemetry2 looks for them) and Camel's tracer. The returned provider flushes
     * and stops the processor when closed.
     */
    public static SdkTracerProvider install(CamelContext context, SpanProcessor processor, String serviceName) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), serviceName))))
                .addSpanProcessor(processor)
                .build();
        context.getRegistry().bind("hubTracer", Tracer.class, provider.get("kz.gov.safework.hub"));
        context.getRegistry().bind("hubPropagators", ContextPropagators.class,
                ContextPropagators.create(new TraceParentPropagator()));
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.setExcludePatterns(EXCLUDED);
        tracer.init(context);
        return provider;
    }

    /** The trace id of the span this thread works for (lower-case hex), or null when there is none. */
    public static String currentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}

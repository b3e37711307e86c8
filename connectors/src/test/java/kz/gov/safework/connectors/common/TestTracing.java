package kz.gov.safework.connectors.common;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;

/**
 * Camel's OpenTelemetry tracing in an adapter's test context, as the hub installs it (routes' {@code Tracing}, which
 * this module cannot see: the W3C propagator stands in for the hub's stricter one), spans kept in memory.
 */
public final class TestTracing {
    public final InMemorySpanExporter spans = InMemorySpanExporter.create();

    public void install(CamelContext context) {
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        context.getRegistry().bind("testTracer", Tracer.class, provider.get("test"));
        context.getRegistry().bind("testPropagators", ContextPropagators.class,
                ContextPropagators.create(W3CTraceContextPropagator.getInstance()));
        new OpenTelemetryTracer().init(context);
    }

    public List<SpanData> finished() {
        return spans.getFinishedSpanItems();
    }

    /** The span that sent the exchange to the given endpoint (camel-telemetry's op EVENT_SENT). */
    public static boolean sentTo(SpanData span, String uriPrefix) {
        String uri = span.getAttributes().get(AttributeKey.stringKey("camel.uri"));
        return "EVENT_SENT".equals(span.getAttributes().get(AttributeKey.stringKey("op")))
                && uri != null && uri.startsWith(uriPrefix);
    }

    public static String traceparent(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
    }
}

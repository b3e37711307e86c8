package kz.gov.safework.hub.observe;

import java.util.Map;
import kz.gov.safework.observe.Tracing;
import org.apache.logging.log4j.core.util.ContextDataProvider;

/**
 * Puts the trace id of the span the logging thread works for into every log line, as {@code trace_id} (the key
 * OpenTelemetry's own Log4j integration uses): channel adapters, pipeline and receipt routes alike, without each
 * setting the MDC. Loaded by Log4j through {@code META-INF/services}; with tracing off there is no span and
 * nothing is added.
 */
public final class TraceContextData implements ContextDataProvider {
    public static final String TRACE_ID = "trace_id";

    @Override
    public Map<String, String> supplyContextData() {
        String traceId = Tracing.currentTraceId();
        return traceId == null ? Map.of() : Map.of(TRACE_ID, traceId);
    }
}

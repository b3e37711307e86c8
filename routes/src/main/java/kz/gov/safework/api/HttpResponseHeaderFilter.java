package kz.gov.safework.api;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * The headers an HTTP answer of the hub may carry. platform-http copies every message header to the
 * response, and the message starts with the request's headers and query parameters, so without this an
 * answer would echo whatever a client sent ({@code X-Evil: <script>}, {@code ?q=...}). Only the headers
 * the hub itself means to send pass; the request side keeps Camel's filter (no {@code Camel*} from outside).
 * Installed on the platform-http component ({@code camel.component.platform-http.header-filter-strategy}).
 */
public final class HttpResponseHeaderFilter extends HttpHeaderFilterStrategy {
    static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "content-disposition", "cache-control",
            "content-security-policy", "referrer-policy", "x-content-type-options", "x-frame-options",
            "www-authenticate", "retry-after", "location", "vary");

    /**
     * Headers of the hub's own that Camel's HTTP filter counts as hop-by-hop and would drop: without this, the
     * {@code Cache-Control} a route sets (the console's {@code no-cache}) never reached a client or a proxy cache.
     */
    static final Set<String> HUB_OWN = Set.of("cache-control");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        String name = headerName.toLowerCase(Locale.ROOT);
        if (!RESPONSE_HEADERS.contains(name)) {
            return true;
        }
        return !HUB_OWN.contains(name) && super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }
}

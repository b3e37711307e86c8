package kz.gov.safework.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Which headers of a message become headers of the HTTP answer (true = filtered out). */
class HttpResponseHeaderFilterTest {
    private final HttpResponseHeaderFilter filter = new HttpResponseHeaderFilter();
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void theHubsOwnHeadersPassInAnyCase() {
        for (String name : new String[] {"Cache-Control", "cache-control", "Content-Disposition", "WWW-Authenticate",
                "X-Content-Type-Options", "Retry-After"}) {
            assertThat(filter.applyFilterToCamelHeaders(name, "v", exchange)).as(name).isFalse();
        }
    }

    @Test
    void requestHeadersAndHopByHopHeadersDoNot() {
        for (String name : new String[] {"X-Evil", "Authorization", "evilParam", "Idempotency-Key", "Connection",
                "Transfer-Encoding", "CamelHttpUri", "Host"}) {
            assertThat(filter.applyFilterToCamelHeaders(name, "v", exchange)).as(name).isTrue();
        }
    }
}

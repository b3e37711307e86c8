package kz.gov.safework.receipts;

import kz.gov.safework.api.ApiAuthentication;
import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.ApiProblem;
import kz.gov.safework.api.ApiRouteConfiguration;
import kz.gov.safework.api.TlsLogin;
import kz.gov.safework.contract.reference.Principals.Principal;
import kz.gov.safework.contract.reference.Principals.Role;
import kz.gov.safework.store.SubmissionStore;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** {@code GET /api/submissions/{submissionId}}: the receipt, for an operator, MTSZN or the owning agency. */
public final class ReceiptApiRoutes extends RouteBuilder {
    private final SubmissionStore store;
    private final ApiAuthentication authentication;

    public ReceiptApiRoutes(SubmissionStore store, ApiAuthenticator authenticator, TlsLogin certificates) {
        this.store = store;
        this.authentication = ApiAuthentication.anyLogin(authenticator, certificates);
    }

    @Override
    public void configure() {
        rest("/api/submissions").description("Receipts of submitted documents")
                .get("/{submissionId}").description("The receipt of one submission").produces("application/json")
                .to("direct:submission-receipt");

        from("direct:submission-receipt").routeId("api-submission-receipt")
                .routeConfigurationId(ApiRouteConfiguration.ID)
                .process(authentication)
                .process(this::receipt);
    }

    private void receipt(Exchange exchange) {
        String id = exchange.getMessage().getHeader("submissionId", String.class);
        var stored = id == null ? java.util.Optional.<SubmissionStore.StoredReceipt>empty() : store.receipt(id);
        // An agency that does not own the submission learns nothing, not even that it exists.
        if (stored.isEmpty() || !mayRead(ApiAuthentication.principal(exchange), stored.get())) {
            throw ApiProblem.notFound("No such submission");
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(stored.get().receiptJson());
    }

    private static boolean mayRead(Principal caller, SubmissionStore.StoredReceipt receipt) {
        return caller.has(Role.OPERATOR) || caller.has(Role.MTSZN)
                || caller.agency() != null && caller.agency().equals(receipt.agency());
    }
}

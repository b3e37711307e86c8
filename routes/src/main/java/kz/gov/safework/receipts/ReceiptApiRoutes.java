package kz.gov.safework.receipts;

import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.ApiRole;
import kz.gov.safework.api.ApiSecurity;
import kz.gov.safework.api.Caller;
import kz.gov.safework.store.SubmissionStore;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** {@code GET /api/submissions/{submissionId}}: the receipt, for an operator, MTSZN or the owning agency. */
public final class ReceiptApiRoutes extends RouteBuilder {
    private final SubmissionStore store;
    private final ApiAuthenticator authenticator;

    public ReceiptApiRoutes(SubmissionStore store, ApiAuthenticator authenticator) {
        this.store = store;
        this.authenticator = authenticator;
    }

    @Override
    public void configure() {
        rest("/api/submissions").description("Receipts of submitted documents")
                .get("/{submissionId}").description("The receipt of one submission").produces("application/json")
                .to("direct:submission-receipt");

        from("direct:submission-receipt").routeId("api-submission-receipt")
                .process(this::receipt);
    }

    private void receipt(Exchange exchange) {
        var caller = ApiSecurity.require(exchange, authenticator);
        if (caller.isEmpty()) {
            return;
        }
        String id = exchange.getMessage().getHeader("submissionId", String.class);
        var stored = id == null ? java.util.Optional.<SubmissionStore.StoredReceipt>empty() : store.receipt(id);
        // An agency that does not own the submission learns nothing, not even that it exists.
        if (stored.isEmpty() || !mayRead(caller.get(), stored.get())) {
            ApiSecurity.refuse(exchange, 404, "No such submission");
            return;
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(stored.get().receiptJson());
    }

    private static boolean mayRead(Caller caller, SubmissionStore.StoredReceipt receipt) {
        return caller.has(ApiRole.OPERATOR) || caller.has(ApiRole.MTSZN)
                || caller.agency() != null && caller.agency().equals(receipt.agency());
    }
}

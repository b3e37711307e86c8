package kz.gov.safework.receipts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import kz.gov.safework.api.ApiAuthentication;
import kz.gov.safework.api.ApiProblem;
import kz.gov.safework.api.ApiRouteBuilder;
import kz.gov.safework.contract.Json;
import kz.gov.safework.contract.reference.Principals.Principal;
import kz.gov.safework.contract.reference.Principals.Role;
import kz.gov.safework.observe.OperatorAction;
import kz.gov.safework.observe.OperatorActions;
import kz.gov.safework.store.MessageLog;
import kz.gov.safework.store.SubmissionQuery;
import kz.gov.safework.store.SubmissionStore;
import org.apache.camel.Exchange;

/**
 * Provenance of submitted documents, for an operator, MTSZN or the owning agency (any other agency learns
 * nothing, not even that a document exists: 404; a login of no agency, the Government's, is refused: 403):
 * <pre>
 * GET /api/submissions?agency=&amp;year=&amp;status=&amp;channel=&amp;from=&amp;to=&amp;q=&amp;page=&amp;size=   search ({@link SubmissionQuery}); an agency: its own
 * GET /api/submissions/{submissionId}             the receipt
 * GET /api/submissions/{submissionId}/document    the original bytes as logged; every view recorded in operator_action
 * </pre>
 */
public final class ReceiptApiRoutes extends ApiRouteBuilder {
    /** A content type the channel gave that is safe to repeat; anything else is served as octet-stream. */
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]+(; ?charset=[A-Za-z0-9_-]+)?");
    private static final Pattern SEARCH_PARAMS = Pattern.compile("agency|year|status|channel|from|to|q|page|size");

    private final SubmissionStore store;
    private final MessageLog messageLog;
    private final OperatorActions actions;
    private final Clock clock;

    /** @param anyLogin the API's authentication of any login (an agency then sees only its own documents) */
    public ReceiptApiRoutes(SubmissionStore store, MessageLog messageLog, OperatorActions actions, Clock clock,
                            ApiAuthentication anyLogin) {
        super(anyLogin);
        this.store = store;
        this.messageLog = messageLog;
        this.actions = actions;
        this.clock = clock;
    }

    @Override
    public void configure() {
        rest("/api/submissions").description("Submitted documents: search, receipts, original bytes")
                .get().description("Search judged documents, newest first; an agency sees only its own")
                    .produces("application/json").to("direct:submission-search")
                .get("/{submissionId}").description("The receipt of one submission").produces("application/json")
                    .outType(kz.gov.safework.contract.receipt.Receipt.class)
                    .to("direct:submission-receipt")
                .get("/{submissionId}/document").description("The original bytes of one submission (each view recorded)")
                    .to("direct:submission-document");

        apiRoute("submission-search", "api-submission-search").process(this::search);
        apiRoute("submission-receipt", "api-submission-receipt").process(this::receipt);
        apiRoute("submission-document", "api-submission-document").process(this::document);
    }

    private void search(Exchange exchange) {
        Principal caller = ApiAuthentication.principal(exchange);
        Map<String, String> params = new HashMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (value != null && SEARCH_PARAMS.matcher(name).matches()) {
                params.put(name, value.toString());
            }
        });
        SubmissionQuery query;
        try {
            query = SubmissionQuery.parse(params);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        if (!staff(caller)) {
            if (caller.agency() == null) {
                throw noDocuments(caller);
            }
            query = query.onlyOf(caller.agency()); // an agency sees its own, whatever it asked
        }
        SubmissionStore.FoundPage page = store.search(query);
        try {
            respond(exchange, "application/json", Json.mapper().writeValueAsBytes(page));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void receipt(Exchange exchange) {
        SubmissionStore.StoredReceipt stored = readable(exchange);
        respond(exchange, "application/json", stored.receiptJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void document(Exchange exchange) {
        SubmissionStore.StoredReceipt stored = readable(exchange);
        Principal caller = ApiAuthentication.principal(exchange);
        MessageLog.LoggedDocument document = messageLog.document(stored.submissionId())
                .orElseThrow(() -> ApiProblem.notFound("The original of " + stored.submissionId()
                        + " is no longer kept (message log retention)"));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(document.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        actions.record(new OperatorAction(null, clock.instant(), caller.login(), OperatorAction.Kind.VIEW_DOCUMENT,
                stored.submissionId(), null, "sha256 " + document.sha256() + ", " + bytes.length + " bytes"));
        String type = document.contentType() == null ? "" : document.contentType().strip().toLowerCase(java.util.Locale.ROOT);
        respond(exchange, CONTENT_TYPE.matcher(type).matches() ? type : "application/octet-stream", bytes);
        // Never rendered by the browser as a page of the hub (an HTML "report" would run in the console's origin).
        exchange.getMessage().setHeader("Content-Disposition", "attachment; filename=\"" + stored.submissionId() + "\"");
        exchange.getMessage().setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
    }

    private SubmissionStore.StoredReceipt readable(Exchange exchange) {
        return readable(store, exchange);
    }

    /**
     * The submission named in the path, when the caller may read it; 404 for everyone else (403 for a login of no
     * agency, whatever the id). The one access rule of a submission's receipt, original and trail.
     */
    static SubmissionStore.StoredReceipt readable(SubmissionStore store, Exchange exchange) {
        Principal caller = ApiAuthentication.principal(exchange);
        if (!staff(caller) && caller.agency() == null) {
            throw noDocuments(caller); // whatever the id: a login without documents learns nothing of them
        }
        String id = exchange.getMessage().getHeader("submissionId", String.class);
        Optional<SubmissionStore.StoredReceipt> stored = id == null ? Optional.empty() : store.receipt(id);
        if (stored.isEmpty() || !mayRead(caller, stored.get())) {
            throw ApiProblem.notFound("No such submission");
        }
        return stored.get();
    }

    /** A login that is neither staff nor an agency (the Government's): submitted documents are not its business. */
    private static ApiProblem noDocuments(Principal caller) {
        return ApiProblem.forbidden("Login " + caller.login() + " has no documents to search");
    }

    private static boolean staff(Principal caller) {
        return caller.has(Role.OPERATOR) || caller.has(Role.MTSZN);
    }

    private static boolean mayRead(Principal caller, SubmissionStore.StoredReceipt receipt) {
        return staff(caller) || caller.agency() != null && caller.agency().equals(receipt.agency());
    }

    /** The whole answer: only the headers the hub means to send (the HTTP server adds no-store to every /api/ answer). */
    static void respond(Exchange exchange, String contentType, byte[] body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        exchange.getMessage().setBody(body);
    }
}

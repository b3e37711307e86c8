package kz.gov.safework.cycle;

import kz.gov.safework.api.ApiRouteBuilder;
import kz.gov.safework.api.ApiRouteConfiguration;
import org.apache.camel.model.RouteDefinition;

/**
 * The cycle's HTTP API on the hub's platform-http server:
 * <pre>
 * GET  /api/me                                                     any login: who, roles, plans, campaign year
 * GET  /api/plans/{plan}/years/{year}/progress                      operator, mtszn: who still owes what, days left
 * GET  /api/plans/{plan}/years/{year}/days                          operator, mtszn: received and reported per day
 * GET  /api/plans/{plan}/years/{year}/matrix[?format=csv]          operator, mtszn; an agency: its own rows
 * GET  /api/plans/{plan}/years/{year}/agencies/{agency}/history    operator, mtszn, that agency
 * GET  /api/plans/{plan}/years/{year}/consolidations               operator, mtszn; government: approved ones
 * POST /api/plans/{plan}/years/{year}/consolidations               mtszn: build a draft now
 * GET  /api/plans/{plan}/years/{year}/consolidations/{id}[?format=json|xml|pdf|manifest]   operator, mtszn;
 *                                                                   government: an approved one
 * POST /api/plans/{plan}/years/{year}/consolidations/{id}/approve  mtszn: approve, send to the outbox
 * </pre>
 * The government login gets 403 on everything else here (progress, matrix, history, build, approve, drafts).
 * HTTP Basic ({@link kz.gov.safework.api.ApiAuthentication}); errors as problems ({@link ApiRouteConfiguration}).
 */
public class CycleApiRoutes extends ApiRouteBuilder {
    private static final String APPROVED = "swApproved";

    private final CycleServices services;

    public CycleApiRoutes(CycleServices services) {
        super(services.authentication());
        this.services = services;
    }

    @Override
    public void configure() {
        CycleApi api = services.api();
        if (getCamelContext().getRestConfiguration().getComponent() == null) {
            restConfiguration().component("platform-http");
        }

        rest("/api").description("The caller")
                .get("/me").description("The login, its roles and agency, the plans with their running campaign year")
                    .produces("application/json").to("direct:cycle-api-me");

        rest("/api/plans/{plan}/years/{year}").description("Reporting cycle: who owes what, history, consolidation")
                .get("/progress").description("Who still owes what, pairs reported of those owed, days left")
                    .produces("application/json").to("direct:cycle-api-progress")
                .get("/days").description("Per day of the campaign: documents received by status, and agency ×"
                        + " item pairs reported so far of those owed (the console's charts)")
                    .produces("application/json").to("direct:cycle-api-days")
                .get("/matrix").description("Expected-submission matrix; ?format=csv for CSV")
                    .produces("application/json,text/csv").to("direct:cycle-api-matrix")
                .get("/agencies/{agency}/history").description("Every version an agency sent for the plan and year")
                    .produces("application/json").to("direct:cycle-api-history")
                .get("/consolidations").description("Consolidated reports of the plan and year, newest first")
                    .produces("application/json").to("direct:cycle-api-consolidations")
                .post("/consolidations").description("Build a draft consolidated report now (MTSZN)")
                    .produces("application/json").to("direct:cycle-api-consolidate")
                .get("/consolidations/{id}").description("One consolidated report; ?format=json|xml|pdf|manifest")
                    .produces("application/json,application/xml,application/pdf").to("direct:cycle-api-consolidation")
                .post("/consolidations/{id}/approve").description("Approve a draft and send it to the Government (MTSZN)")
                    .produces("application/json").to("direct:cycle-api-approve");

        cycleRoute("cycle-api-me").process(api::me);
        cycleRoute("cycle-api-progress").process(api::progress);
        cycleRoute("cycle-api-days").process(api::days);
        cycleRoute("cycle-api-matrix").process(api::matrix);
        cycleRoute("cycle-api-history").process(api::history);
        cycleRoute("cycle-api-consolidations").process(api::listConsolidations);
        cycleRoute("cycle-api-consolidate").process(api::createConsolidation);
        cycleRoute("cycle-api-consolidation").process(api::getConsolidation);

        // The approval and its five parts commit together (the outbox table); the relay sends them right away
        // and, whatever the broker refuses now, on its next tick. The answer shows each part's delivery.
        cycleRoute("cycle-api-approve")
                .setBody(api::approve)
                .setProperty(APPROVED, body())
                .process(e -> services.outbox().drain())
                .process(e -> api.approved(e, e.getProperty(APPROVED, ApprovedPackage.class)));
    }

    /** An API route: the one error policy, authentication, then the request's parameters. */
    private RouteDefinition cycleRoute(String routeId) {
        return apiRoute(routeId, routeId).process(services.api()::accept);
    }
}

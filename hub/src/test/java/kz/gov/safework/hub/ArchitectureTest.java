package kz.gov.safework.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.regex.Pattern;
import kz.gov.safework.connectors.jms.JmsChannelRoutes;
import kz.gov.safework.contract.receipt.Receipt;
import kz.gov.safework.intake.Pipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape ARCHITECTURE.md draws, checked on every module's main classes (the hub module sees them all):
 * no package cycle anywhere under {@code kz.gov.safework}, and imports only go down the layers
 * hub → routes → schemas and hub → connectors → schemas, with routes and connectors not knowing each other.
 */
class ArchitectureTest {

    /** The routes module's packages (it has no module prefix of its own). */
    private static final String[] ROUTES = {
        "kz.gov.safework.api..", "kz.gov.safework.cycle..", "kz.gov.safework.document..",
        "kz.gov.safework.intake..", "kz.gov.safework.observe..", "kz.gov.safework.receipts..",
        "kz.gov.safework.store..", "kz.gov.safework.validation.."};
    private static final String HUB = "kz.gov.safework.hub..";
    private static final String CONNECTORS = "kz.gov.safework.connectors..";
    private static final String SCHEMAS = "kz.gov.safework.contract..";

    /** Test classes and test jars (the schemas test-jar's {@code testing} helpers) are not part of the layering. */
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.matches(TEST_JAR))
                .importPackages("kz.gov.safework");
        // An empty or partial import would pass every rule below; make sure all four modules are in it.
        assertThat(main.contain(HubConfiguration.class)).isTrue();
        assertThat(main.contain(Pipeline.class)).isTrue();
        assertThat(main.contain(JmsChannelRoutes.class)).isTrue();
        assertThat(main.contain(Receipt.class)).isTrue();
    }

    @Test
    void noPackageCycles() {
        slices().matching("kz.gov.safework.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void everyPackageBelongsToALayer() {
        String[] all = new String[ROUTES.length + 3];
        System.arraycopy(ROUTES, 0, all, 0, ROUTES.length);
        all[ROUTES.length] = HUB;
        all[ROUTES.length + 1] = CONNECTORS;
        all[ROUTES.length + 2] = SCHEMAS;
        classes().should().resideInAnyPackage(all)
                .because("a new package must be placed in a layer in ArchitectureTest and ARCHITECTURE.md")
                .check(main);
    }

    @Test
    void importsGoDownTheLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("hub").definedBy(HUB)
                .layer("routes").definedBy(ROUTES)
                .layer("connectors").definedBy(CONNECTORS)
                .layer("schemas").definedBy(SCHEMAS)
                .whereLayer("hub").mayNotBeAccessedByAnyLayer()
                .whereLayer("routes").mayOnlyBeAccessedByLayers("hub")
                .whereLayer("connectors").mayOnlyBeAccessedByLayers("hub")
                .whereLayer("schemas").mayOnlyBeAccessedByLayers("hub", "routes", "connectors")
                .check(main);
    }
}

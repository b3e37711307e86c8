package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import kz.gov.safework.contract.signature.HubSigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hub.security.providers} at the start of the packaged hub ({@code java -jar}, whose classpath its manifest
 * fixes): a provider jar from {@code hub.security.provider-path} is added before the signing keystore of its type is
 * read, and a class that is no provider stops the start before anything listens.
 */
class SecurityProvidersIT {
    @TempDir
    Path work;

    @Test
    void aProviderFromTheProviderPathOpensTheSigningKeystoreOfItsType() throws Exception {
        Path providers = Files.createDirectories(work.resolve("providers"));
        testProviderJar(providers.resolve("test-provider.jar"));
        Path keystore = HubSigning.demoKeystore(work.resolve("keys"), "hub");
        String kid = new HubSigningKeys(new HubSigningKeys.Source(keystore, "PKCS12",
                HubSigning.DEMO_PASSWORD.toCharArray(), "hub"), Clock.systemUTC(), Duration.ofDays(1), p -> { })
                .current().kid();

        try (HubProcess hub = new HubProcess(work.resolve("data"), Map.of(
                SecurityProviders.PROVIDER_PATH, providers.toString(),
                SecurityProviders.PROVIDERS, TestJcaProvider.class.getName(),
                HubSettings.SIGNING_KEYSTORE, keystore.toString(), HubSettings.SIGNING_KEYSTORE_TYPE, TestJcaProvider.NAME,
                HubSettings.SIGNING_KEYSTORE_PASSWORD, HubSigning.DEMO_PASSWORD)).start()) {
            String published = hub.http().send(HttpRequest.newBuilder(URI.create(hub.url("/.well-known/jwks.json")))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(JWKSet.parse(published).getKeyByKeyId(kid)).as(published).isNotNull();
            assertThat(hub.log()).contains("JCA provider SAFEWORK-TEST 1.0 (" + TestJcaProvider.class.getName()
                    + ") added after the JDK's", "Answers signed with key " + kid + " (RS256)");
        }
    }

    @Test
    void aClassThatIsNoProviderStopsTheStartWithOneLineNamingTheKeyAndTheClass() throws Exception {
        HubProcess hub = new HubProcess(work.resolve("bad"), Map.of(SecurityProviders.PROVIDERS, "java.lang.String"));
        assertThat(hub.runUntilExit(Map.of(), Duration.ofSeconds(120))).isNotZero();
        assertThat(hub.log()).contains("Hub failed to start: java.lang.IllegalStateException: hub.security.providers:"
                + " class java.lang.String is not a java.security.Provider")
                .doesNotContain("Embedded Artemis broker listening");
    }

    /** The test provider's classes (not in the packaged hub) as a jar, the way a vendor ships one. */
    private static void testProviderJar(Path jar) throws Exception {
        Path classes = Path.of(TestJcaProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path folder = classes.resolve(TestJcaProvider.class.getPackageName().replace('.', '/'));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("TestJcaProvider")).toList()) {
                out.putNextEntry(new ZipEntry(classes.relativize(file).toString()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
    }
}

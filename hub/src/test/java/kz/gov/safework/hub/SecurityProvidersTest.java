package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import kz.gov.safework.contract.signature.DetachedJws;
import kz.gov.safework.contract.signature.HubSigningKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityProvidersTest {
    private static final String PATH_PROVIDER = "SAFEWORK-PATH";
    private static final byte[] RECEIPT = "{\"status\":\"ACCEPTED\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path config;
    @TempDir
    Path data;

    private final Map<String, String> settings = new HashMap<>();

    @BeforeEach
    void keystoreOfTheProvidersType() throws Exception {
        // A PKCS12 file, which the test provider reads as its own type SAFEWORK-TEST.
        Path made = HubSigning.demoKeystore(data, "hub");
        Files.createDirectories(config.resolve("signing"));
        Files.move(made, config.resolve("signing/hub.kst"));
        settings.putAll(Map.of(HubSettings.SIGNING_KEYSTORE, "signing/hub.kst", HubSettings.SIGNING_KEYSTORE_TYPE, TestJcaProvider.NAME,
                HubSettings.SIGNING_KEYSTORE_PASSWORD, HubSigning.DEMO_PASSWORD, HubSettings.SIGNING_ALIAS, "hub"));
    }

    @AfterEach
    void removeTheTestProviders() {
        Security.removeProvider(TestJcaProvider.NAME);
        Security.removeProvider(PATH_PROVIDER);
    }

    @Test
    void aKeystoreOfAProvidersTypeOpensOnlyWithTheProviderConfiguredAndItsReceiptsVerify() throws Exception {
        assertThat(SecurityProviders.register(this::setting, config)).isEmpty();
        assertThatThrownBy(this::keys).hasMessageContaining("of type SAFEWORK-TEST is not readable");

        settings.put(SecurityProviders.PROVIDERS, " " + TestJcaProvider.class.getName() + " ");
        assertThat(SecurityProviders.register(this::setting, config)).map(Provider::getName)
                .containsExactly(TestJcaProvider.NAME);
        HubSigningKeys keys = keys();
        assertThat(keys.current().algorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(DetachedJws.verify(RECEIPT, keys.sign(RECEIPT), keys.publicKeys()).kid())
                .isEqualTo(keys.current().kid());
    }

    @Test
    void theProviderIsAppendedSoTheJdksRsaAndEcdsaStayInUse() throws Exception {
        settings.put(SecurityProviders.PROVIDERS, TestJcaProvider.class.getName());
        SecurityProviders.register(this::setting, config);
        Provider[] installed = Security.getProviders();
        assertThat(installed[installed.length - 1].getName()).isEqualTo(TestJcaProvider.NAME);
        assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isNotEqualTo(TestJcaProvider.NAME);
        assertThat(KeyStore.getInstance("PKCS12").getProvider().getName()).isNotEqualTo(TestJcaProvider.NAME);

        // The test provider's SHA256withECDSA fails every use: a signature that verifies was made by the JDK's.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair ec = generator.generateKeyPair();
        JWKSet published = new JWKSet(new ECKey.Builder(Curve.P_256, (ECPublicKey) ec.getPublic()).keyID("ec").build());
        assertThat(DetachedJws.verify(RECEIPT, DetachedJws.sign(RECEIPT, ec.getPrivate(), JWSAlgorithm.ES256, "ec"),
                published).algorithm()).isEqualTo(JWSAlgorithm.ES256);
        // ... and the RSA receipts of the provider's keystore (test above) too; registering twice changes nothing.
        SecurityProviders.register(this::setting, config);
        assertThat(Security.getProviders()).hasSameSizeAs(installed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "no.such.Provider | hub.security.providers: class no.such.Provider cannot be loaded",
        "java.lang.String | hub.security.providers: class java.lang.String is not a java.security.Provider",
        "java.security.Provider | hub.security.providers: class java.security.Provider has no public no-arg constructor",
        "kz.gov.safework.hub.TestJcaProvider;rm -rf | hub.security.providers: 'kz.gov.safework.hub.TestJcaProvider;rm -rf'"
                + " is not a class name"})
    void aClassThatIsNoUsableProviderFailsNamingTheKeyAndTheClass(String name, String message) {
        settings.put(SecurityProviders.PROVIDERS, TestJcaProvider.class.getName() + "," + name);
        assertThatThrownBy(() -> SecurityProviders.register(this::setting, config))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith(message);
    }

    @Test
    void aProviderJarIsReadFromTheProviderPathRelativeToTheConfigDir() throws Exception {
        settings.put(SecurityProviders.PROVIDERS, "safework.path.PathProvider");
        assertThatThrownBy(() -> SecurityProviders.register(this::setting, config))
                .hasMessageStartingWith("hub.security.providers: class safework.path.PathProvider cannot be loaded");
        settings.put(SecurityProviders.PROVIDER_PATH, "providers");
        Files.createDirectories(config.resolve("providers"));
        assertThatThrownBy(() -> SecurityProviders.register(this::setting, config))
                .hasMessage("hub.security.provider-path=providers: " + config.resolve("providers").toAbsolutePath()
                        + " holds no .jar file");

        providerJar(config.resolve("providers/path-provider.jar"));
        assertThat(SecurityProviders.register(this::setting, config)).map(Provider::getName)
                .containsExactly(PATH_PROVIDER);
        settings.put(HubSettings.SIGNING_KEYSTORE_TYPE, PATH_PROVIDER);
        assertThat(keys().current().kid()).isNotEmpty();
    }

    @Test
    void theVerifyCommandAddsTheConfiguredProvidersBeforeItReadsTheHubsKeystore() throws Exception {
        Map<String, String> signing = new HashMap<>(settings);
        signing.put(SecurityProviders.PROVIDERS, TestJcaProvider.class.getName());
        SecurityProviders.register(key -> signing.getOrDefault(key, ""), config);
        Path receipt = Files.write(data.resolve("r.receipt.json"), RECEIPT);
        Files.writeString(data.resolve("r.receipt.json.sig"), keys().sign(RECEIPT));
        Security.removeProvider(TestJcaProvider.NAME);

        StringBuilder properties = new StringBuilder("hub.data-dir=" + data + "\n");
        settings.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        Files.writeString(config.resolve("application.properties"), properties);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(VerifyCommand.run(new String[] {receipt.toString()}, config, print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("of type SAFEWORK-TEST is not readable");

        Files.writeString(config.resolve("application.properties"), properties + SecurityProviders.PROVIDERS + "="
                + TestJcaProvider.class.getName() + "\n");
        out.reset();
        assertThat(VerifyCommand.run(new String[] {receipt.toString()}, config, print(out), print(err))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("provider:  SAFEWORK-TEST 1.0 (kz.gov.safework.hub.TestJcaProvider)",
                "keys:      the hub's keystore", "VALID: the hub's RS256 signature");

        Files.writeString(config.resolve("application.properties"), properties + SecurityProviders.PROVIDERS
                + "=no.such.Provider\n");
        err.reset();
        assertThat(VerifyCommand.run(new String[] {receipt.toString()}, config, print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("hub.security.providers: class no.such.Provider");
    }

    private String setting(String key) {
        return settings.getOrDefault(key, "");
    }

    private HubSigningKeys keys() throws Exception {
        return HubSigning.keys(this::setting, config, data, Clock.systemUTC(), Duration.ofMinutes(1), problem -> { });
    }

    private static PrintStream print(OutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    /**
     * A provider jar that is on no classpath: {@code safework.path.PathProvider}, keystore type SAFEWORK-PATH (the
     * test provider's PKCS12 stand-in, found through the hub's class loader, the jar loader's parent).
     */
    private static void providerJar(Path jar) throws Exception {
        Path source = Files.createTempDirectory("path-provider");
        Path file = Files.createDirectories(source.resolve("safework/path")).resolve("PathProvider.java");
        Files.writeString(file, "package safework.path;\npublic final class PathProvider extends java.security.Provider {\n"
                + "  public PathProvider() {\n    super(\"" + PATH_PROVIDER + "\", \"1.0\", \"from a jar\");\n"
                + "    put(\"KeyStore." + PATH_PROVIDER + "\", \"" + TestJcaProvider.Pkcs12KeyStore.class.getName()
                + "\");\n  }\n}\n");
        Path classes = Files.createDirectories(source.resolve("classes"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), file.toString()))
                .isZero();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("safework/path/PathProvider.class"));
            out.write(Files.readAllBytes(classes.resolve("safework/path/PathProvider.class")));
            out.closeEntry();
        }
    }
}

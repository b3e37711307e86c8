package kz.gov.safework.hub;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.contract.signature.DetachedJws;
import kz.gov.safework.contract.signature.HubSigner;
import kz.gov.safework.contract.signature.HubSigningKeys;
import kz.gov.safework.contract.signature.PackageVerifier;

/**
 * {@code java -jar safework-hub.jar verify <receipt> [--signature <file>] [--jwks <file or URL>]}: checks the hub's
 * detached JWS over a receipt file's exact bytes, offline. Given a folder holding a consolidated package instead, it
 * checks the package ({@link PackageVerifier}): the XML-DSig of the XML, the JWS of the JSON and of the manifest, and
 * every hash of the manifest, one line per check. The signature is {@code <receipt>.sig} unless named; the
 * keys are a JWK set (a saved {@code /.well-known/jwks.json}, or its URL), else the hub's own keystore as
 * {@code hub.signing.*} configures it (the demo key in the data dir when none is). Prints what it checked; exit code 0
 * when the signature verifies, 1 when it does not, 2 for a usage error. The JCA providers {@code hub.security.*}
 * configures are added first ({@link SecurityProviders}), as at hub start.
 */
final class VerifyCommand {
    static final String USAGE = "usage: java -jar safework-hub.jar verify <receipt file> [--signature <file>]"
            + " [--jwks <jwks.json file or URL>]\n       java -jar safework-hub.jar verify <package folder>"
            + " [--jwks <jwks.json file or URL>]";

    private VerifyCommand() {
    }

    /** @return the process exit code */
    static int run(String[] args, Path configDir, PrintStream out, PrintStream err) {
        Path receipt = null;
        Path signature = null;
        String jwks = null;
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--signature") || args[i].equals("--jwks")) && i + 1 < args.length) {
                if (args[i].equals("--signature")) {
                    signature = Path.of(args[++i]);
                } else {
                    jwks = args[++i];
                }
            } else if (receipt == null && !args[i].startsWith("--")) {
                receipt = Path.of(args[i]);
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        if (receipt == null) {
            err.println(USAGE);
            return 2;
        }
        if (!providers(configDir, out, err)) {
            return 2;
        }
        if (Files.isDirectory(receipt)) {
            if (signature != null) {
                err.println(USAGE);
                return 2;
            }
            return verifyPackage(receipt, jwks, configDir, out, err);
        }
        if (signature == null) {
            signature = receipt.resolveSibling(receipt.getFileName() + HubSigner.SIGNATURE_SUFFIX);
        }
        byte[] bytes;
        String jws;
        try {
            bytes = Files.readAllBytes(receipt);
            jws = Files.readString(signature, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            err.println("Cannot read " + e.getMessage());
            return 2;
        }
        out.println("file:      " + receipt + " (" + bytes.length + " bytes, SHA-256 " + Sha256.hex(bytes) + ")");
        out.println("signature: " + signature);
        JWKSet keys = keys(jwks, configDir, out, err);
        if (keys == null) {
            return 2;
        }
        try {
            DetachedJws.Checked checked = DetachedJws.verify(bytes, jws, keys);
            out.println("VALID: the hub's " + checked.algorithm() + " signature by key " + checked.kid()
                    + " covers exactly these bytes" + certificate(keys.getKeyByKeyId(checked.kid())));
            return 0;
        } catch (DetachedJws.Invalid e) {
            out.println("INVALID: " + e.getMessage());
            return 1;
        }
    }

    private static int verifyPackage(Path folder, String jwks, Path configDir, PrintStream out, PrintStream err) {
        out.println("package:   " + folder);
        JWKSet keys = keys(jwks, configDir, out, err);
        if (keys == null) {
            return 2;
        }
        List<PackageVerifier.Check> checks;
        try {
            checks = PackageVerifier.verify(folder, keys);
        } catch (IOException e) {
            err.println("Cannot read " + e.getMessage());
            return 2;
        }
        checks.forEach(check -> out.println(check.line()));
        if (PackageVerifier.intact(checks)) {
            out.println("VALID: every signature and every hash of the package checks (" + checks.size() + " checks)");
            return 0;
        }
        out.println("INVALID: " + checks.stream().filter(c -> !c.passed()).count() + " of " + checks.size()
                + " checks failed");
        return 1;
    }

    /** The providers of {@code hub.security.providers}, before any key or signature is read; false (said) if not. */
    private static boolean providers(Path configDir, PrintStream out, PrintStream err) {
        try {
            SecurityProviders.register(key -> CredentialsCommand.configured(configDir, key), configDir)
                    .forEach(p -> out.println("provider:  " + p.getName() + " " + p.getVersionStr() + " ("
                            + p.getClass().getName() + ")"));
            return true;
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return false;
        }
    }

    /** The published keys from {@code --jwks}, else the hub's keystore; null (said on {@code err}) if unreadable. */
    private static JWKSet keys(String jwks, Path configDir, PrintStream out, PrintStream err) {
        try {
            return jwks != null ? jwks(jwks, out) : hubKeys(configDir, out, err);
        } catch (IOException | ParseException e) {
            err.println("Cannot read the keys: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static JWKSet jwks(String source, PrintStream out) throws IOException, ParseException, InterruptedException {
        String text;
        if (source.startsWith("https://") || source.startsWith("http://")) {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofSeconds(30)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(source + " answered " + response.statusCode());
            }
            text = response.body();
        } else {
            text = Files.readString(Path.of(source), StandardCharsets.UTF_8);
        }
        JWKSet keys = JWKSet.parse(text);
        out.println("keys:      " + source + " (" + keys.getKeys().size() + " published)");
        return keys;
    }

    /** The hub's keystore as configured; the demo keystore only if it exists (verify makes no key). */
    private static JWKSet hubKeys(Path configDir, PrintStream out, PrintStream err) throws IOException {
        java.util.function.Function<String, String> settings = key -> CredentialsCommand.configured(configDir, key);
        Path dataDir = Path.of(settings.apply(HubSettings.DATA_DIR).isEmpty() ? "data"
                : settings.apply(HubSettings.DATA_DIR));
        if (settings.apply(HubSettings.SIGNING_KEYSTORE).isEmpty()
                && !Files.isRegularFile(dataDir.resolve(HubSigning.DEMO_KEYSTORE))) {
            throw new IOException("no --jwks given, " + HubSettings.SIGNING_KEYSTORE
                    + " is not set and there is no demo key in "
                    + dataDir.resolve(HubSigning.DEMO_KEYSTORE).toAbsolutePath());
        }
        HubSigningKeys.Source source = HubSigning.source(settings, configDir, dataDir);
        JWKSet keys = new HubSigningKeys(source, Clock.systemUTC(), Duration.ofDays(1), err::println).publicKeys();
        out.println("keys:      the hub's keystore " + source.keystore().toAbsolutePath() + " (" + keys.getKeys().size()
                + " published)");
        return keys;
    }

    private static String certificate(JWK key) {
        List<X509Certificate> chain = key.getParsedX509CertChain();
        if (chain == null || chain.isEmpty()) {
            return "";
        }
        X509Certificate certificate = chain.get(0);
        return "; its certificate: " + certificate.getSubjectX500Principal().getName() + ", valid "
                + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant();
    }
}

package kz.gov.safework.contract.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's signatures on the package for the Government: XML-DSig on the XML, and the package checked whole. */
class HubPackageSigningTest {
    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<report xmlns=\"urn:test\" id=\"r1\"><title>Отчёт</title><amount>1500.000</amount></report>";
    // EC keys made once per JVM: mutation testing runs this class once per mutant.
    private static final HubSigningKeys KEYS;
    private static final HubSigningKeys OTHER;

    static {
        try {
            Path dir = Files.createTempDirectory("hub-package-keys");
            dir.toFile().deleteOnExit();
            KEYS = keys(dir.resolve("hub.p12"));
            OTHER = keys(dir.resolve("other.p12"));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @TempDir
    Path folder;

    @Test
    void signsTheWholeXmlEnvelopedAndVerifiesWithThePublishedKey() throws Exception {
        byte[] signed = KEYS.signXml(XML.getBytes(StandardCharsets.UTF_8));
        String text = new String(signed, StandardCharsets.UTF_8);

        assertThat(text).contains("<title>Отчёт</title>", "<ds:Reference URI=\"\">",
                "xmldsig#enveloped-signature", "xml-exc-c14n#", "xmldsig-more#ecdsa-sha256",
                "<ds:KeyName>" + KEYS.current().kid() + "</ds:KeyName>", "<ds:X509Certificate>")
                .endsWith("</ds:Signature></report>");
        DetachedJws.Checked checked = HubXmlSignature.verify(signed, KEYS.publicKeys());
        assertThat(checked.kid()).isEqualTo(KEYS.current().kid());
        assertThat(checked.algorithm()).isEqualTo(JWSAlgorithm.ES256);
    }

    @Test
    void oneChangedCharacterOfTheXmlFails() throws Exception {
        String signed = new String(KEYS.signXml(XML.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        byte[] changed = signed.replace("1500.000", "1500.001").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> HubXmlSignature.verify(changed, KEYS.publicKeys()))
                .isInstanceOf(DetachedJws.Invalid.class).hasMessageContaining("does not match the document");
    }

    @Test
    void anotherKeyAnUnsignedDocumentAndAWrappedSignatureAreRefused() throws Exception {
        byte[] signed = KEYS.signXml(XML.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> HubXmlSignature.verify(signed, OTHER.publicKeys()))
                .isInstanceOf(DetachedJws.Invalid.class).hasMessageContaining("no published key with kid");
        assertThatThrownBy(() -> HubXmlSignature.verify(XML.getBytes(StandardCharsets.UTF_8), KEYS.publicKeys()))
                .isInstanceOf(DetachedJws.Invalid.class).hasMessageContaining("0 signatures");
        String text = new String(signed, StandardCharsets.UTF_8);
        String signature = text.substring(text.indexOf("<ds:Signature"), text.indexOf("</report>"));
        String moved = text.replace(signature, "").replace("<title>", "<title>" + signature);
        assertThatThrownBy(() -> HubXmlSignature.verify(moved.getBytes(StandardCharsets.UTF_8), KEYS.publicKeys()))
                .isInstanceOf(DetachedJws.Invalid.class).hasMessageContaining("not a child of the document's root");
        String twice = text.replace("</report>", signature + "</report>");
        assertThatThrownBy(() -> HubXmlSignature.verify(twice.getBytes(StandardCharsets.UTF_8), KEYS.publicKeys()))
                .isInstanceOf(DetachedJws.Invalid.class).hasMessageContaining("2 signatures");
        String elsewhere = text.replace("<ds:Reference URI=\"\">", "<ds:Reference URI=\"#r1\">");
        assertThatThrownBy(() -> HubXmlSignature.verify(elsewhere.getBytes(StandardCharsets.UTF_8),
                KEYS.publicKeys())).isInstanceOf(DetachedJws.Invalid.class).hasMessageContaining("whole document");
        assertThatThrownBy(() -> HubXmlSignature.verify("<report".getBytes(StandardCharsets.UTF_8), KEYS.publicKeys()))
                .isInstanceOf(DetachedJws.Invalid.class).hasMessageContaining("not readable XML");
    }

    @Test
    void anIntactPackageHasSevenPassingChecks() throws Exception {
        writePackage();
        List<PackageVerifier.Check> checks = PackageVerifier.verify(folder, KEYS.publicKeys());
        assertThat(checks).hasSize(7).allMatch(PackageVerifier.Check::passed);
        assertThat(PackageVerifier.intact(checks)).isTrue();
        assertThat(checks).extracting(PackageVerifier.Check::line)
                .contains("OK    p.json: the hub's detached JWS in p.json.sig (ES256, key " + KEYS.current().kid() + ")",
                        "OK    p.xml: the hub's enveloped XML-DSig over the whole document (ES256, key "
                                + KEYS.current().kid() + ")");
        assertThat(PackageVerifier.intact(List.of())).isFalse();
    }

    @Test
    void everyChangedFileFailsByName() throws Exception {
        writePackage();
        for (String name : List.of("p.xml", "p.json", "p.pdf", "p.json.sig", "p.manifest.json",
                "p.manifest.json.sig", "p.manifest.json.sha256")) {
            byte[] original = Files.readAllBytes(folder.resolve(name));
            byte[] changed = original.clone();
            int at = changed.length / 2;
            changed[at] = (byte) (changed[at] == 'A' ? 'B' : 'A');
            Files.write(folder.resolve(name), changed);

            List<PackageVerifier.Check> checks = PackageVerifier.verify(folder, KEYS.publicKeys());

            assertThat(PackageVerifier.intact(checks)).as(name).isFalse();
            assertThat(checks).as(name).filteredOn(c -> !c.passed()).extracting(PackageVerifier.Check::line)
                    .allMatch(line -> line.startsWith("FAIL  ")).anyMatch(line -> line.contains(name));
            Files.write(folder.resolve(name), original);
        }
        assertThat(PackageVerifier.intact(PackageVerifier.verify(folder, KEYS.publicKeys()))).isTrue();
    }

    @Test
    void missingFilesAndUnsafeNamesFail() throws Exception {
        writePackage();
        Files.delete(folder.resolve("p.pdf"));
        Files.delete(folder.resolve("p.manifest.json.sha256"));
        assertThat(PackageVerifier.verify(folder, KEYS.publicKeys())).filteredOn(c -> !c.passed())
                .extracting(PackageVerifier.Check::line)
                .containsExactly("FAIL  p.manifest.json.sha256: sha256sum line for p.manifest.json (missing)",
                        "FAIL  p.pdf: present, as the manifest lists it (missing)");

        byte[] manifest = "{\"documents\":[{\"name\":\"../p.xml\",\"size\":1,\"sha256\":\"00\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve("p.manifest.json"), manifest);
        Files.writeString(folder.resolve("p.manifest.json.sig"), KEYS.sign(manifest));
        assertThat(PackageVerifier.verify(folder, KEYS.publicKeys())).extracting(PackageVerifier.Check::line)
                .contains("FAIL  p.manifest.json: names only plain file names (one is not)");

        Files.write(folder.resolve("p.manifest.json"), "{\"documents\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThat(PackageVerifier.verify(folder, KEYS.publicKeys())).extracting(PackageVerifier.Check::line)
                .contains("FAIL  p.manifest.json: lists the package's documents (no documents)");

        Files.write(folder.resolve("q.manifest.json"), manifest);
        assertThat(PackageVerifier.verify(folder, KEYS.publicKeys())).singleElement()
                .satisfies(c -> assertThat(c.line()).isEqualTo("FAIL  " + folder + ": one *.manifest.json in the"
                        + " folder (2 found)"));
    }

    private void writePackage() throws Exception {
        TestPackage.write(KEYS, folder, "p", XML, "{\"report\":\"Отчёт\",\"amount\":1500.000}",
                "%PDF-1.4 a stand-in for the rendered report");
    }

    private static HubSigningKeys keys(Path file) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=hub package test,O=TEST");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(System.nanoTime()),
                        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                        pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        char[] password = "test".toCharArray();
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        keystore.load(null, null);
        keystore.setKeyEntry("hub", pair.getPrivate(), password, new Certificate[] {certificate});
        try (OutputStream out = Files.newOutputStream(file)) {
            keystore.store(out, password);
        }
        file.toFile().deleteOnExit();
        return new HubSigningKeys(new HubSigningKeys.Source(file, "PKCS12", password, "hub"), Clock.systemUTC(),
                Duration.ofDays(1), problem -> {
                    throw new IllegalStateException(problem);
                });
    }
}

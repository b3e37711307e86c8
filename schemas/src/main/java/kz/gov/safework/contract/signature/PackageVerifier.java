package kz.gov.safework.contract.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kz.gov.safework.contract.Sha256;
import kz.gov.safework.contract.reading.SafeJson;

/**
 * Checks a consolidated package as the Government keeps it, one folder holding the files of the package by their
 * names: the hub's detached JWS on the manifest ({@code <base>.manifest.json.sig}), the manifest's
 * {@code sha256sum} line, and for every document the manifest lists its size and SHA-256, the enveloped XML-DSig of
 * the XML and the detached JWS of the JSON ({@code <base>.json.sig}). Every check is one {@link Check}; the package
 * is intact only when every one passed.
 */
public final class PackageVerifier {
    /** The manifest's name ends so; there is exactly one per package. */
    public static final String MANIFEST_SUFFIX = ".manifest.json";
    /** Beside the manifest, its {@code sha256sum} line. */
    public static final String SHA256_SUFFIX = ".sha256";
    /** A file name the manifest may name: no folder, no parent, nothing a shell or a path would read as more. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

    /** One check on one file of the package. */
    public record Check(boolean passed, String file, String what, String detail) {
        /** {@code OK   <file>: <what> (<detail>)}, or {@code FAIL}. */
        public String line() {
            return (passed ? "OK    " : "FAIL  ") + file + ": " + what + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    private PackageVerifier() {
    }

    /** Every check on the package in {@code folder} with the hub's published {@code keys}. */
    public static List<Check> verify(Path folder, JWKSet keys) throws IOException {
        List<Check> checks = new ArrayList<>();
        List<Path> manifests;
        try (Stream<Path> files = Files.list(folder)) {
            manifests = files.filter(f -> f.getFileName().toString().endsWith(MANIFEST_SUFFIX)).sorted().toList();
        }
        if (manifests.size() != 1) {
            checks.add(new Check(false, folder.toString(), "one *" + MANIFEST_SUFFIX + " in the folder",
                    manifests.size() + " found"));
            return checks;
        }
        Path manifest = manifests.get(0);
        String manifestName = manifest.getFileName().toString();
        byte[] manifestBytes = Files.readAllBytes(manifest);
        checks.add(jws(folder, manifestName, manifestBytes, keys));
        checks.add(sha256Line(folder, manifestName, manifestBytes));
        JsonNode documents;
        try {
            documents = SafeJson.reader().readTree(manifestBytes).path("documents");
        } catch (IOException e) {
            checks.add(new Check(false, manifestName, "readable JSON", e.getClass().getSimpleName()));
            return checks;
        }
        if (!documents.isArray() || documents.isEmpty()) {
            checks.add(new Check(false, manifestName, "lists the package's documents", "no documents"));
            return checks;
        }
        for (JsonNode document : documents) {
            String name = document.path("name").asText();
            if (!FILE_NAME.matcher(name).matches() || name.contains("..")) {
                checks.add(new Check(false, manifestName, "names only plain file names", "one is not"));
                continue;
            }
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                checks.add(new Check(false, name, "present, as the manifest lists it", "missing"));
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            String expected = document.path("sha256").asText();
            String actual = Sha256.hex(bytes);
            checks.add(new Check(expected.equals(actual) && document.path("size").asLong(-1) == bytes.length, name,
                    "SHA-256 and size as in the manifest", expected.equals(actual) ? bytes.length + " bytes, " + actual
                            : "manifest " + expected + ", file " + actual));
            if (name.endsWith(".xml")) {
                checks.add(xml(name, bytes, keys));
            } else if (name.endsWith(".json")) {
                checks.add(jws(folder, name, bytes, keys));
            }
        }
        return checks;
    }

    /** True when there were checks and every one passed. */
    public static boolean intact(List<Check> checks) {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    private static Check jws(Path folder, String name, byte[] bytes, JWKSet keys) throws IOException {
        String signatureName = name + HubSigner.SIGNATURE_SUFFIX;
        Path signature = folder.resolve(signatureName);
        String what = "the hub's detached JWS in " + signatureName;
        if (!Files.isRegularFile(signature)) {
            return new Check(false, name, what, "missing");
        }
        try {
            DetachedJws.Checked checked = DetachedJws.verify(bytes,
                    Files.readString(signature, StandardCharsets.US_ASCII), keys);
            return new Check(true, name, what, checked.algorithm() + ", key " + checked.kid());
        } catch (DetachedJws.Invalid | java.nio.charset.CharacterCodingException e) {
            return new Check(false, name, what, e.getMessage());
        }
    }

    private static Check xml(String name, byte[] bytes, JWKSet keys) {
        String what = "the hub's enveloped XML-DSig over the whole document";
        try {
            DetachedJws.Checked checked = HubXmlSignature.verify(bytes, keys);
            return new Check(true, name, what, checked.algorithm() + ", key " + checked.kid());
        } catch (DetachedJws.Invalid e) {
            return new Check(false, name, what, e.getMessage());
        }
    }

    private static Check sha256Line(Path folder, String manifestName, byte[] manifestBytes) throws IOException {
        String lineName = manifestName + SHA256_SUFFIX;
        Path file = folder.resolve(lineName);
        String what = "sha256sum line for " + manifestName;
        if (!Files.isRegularFile(file)) {
            return new Check(false, lineName, what, "missing");
        }
        String expected = Sha256.hex(manifestBytes) + "  " + manifestName;
        String line = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        return new Check(line.equals(expected), lineName, what, line.equals(expected) ? Sha256.hex(manifestBytes)
                : "the line does not match the manifest's SHA-256 " + Sha256.hex(manifestBytes));
    }
}

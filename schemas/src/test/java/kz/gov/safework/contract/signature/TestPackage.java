package kz.gov.safework.contract.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import kz.gov.safework.contract.Sha256;

/**
 * A package for the Government written the way the hub writes one, small enough for a test: the XML with the hub's
 * enveloped XML-DSig, the JSON with its detached JWS beside it, a PDF stand-in, and the manifest listing the three
 * (name, media type, size, SHA-256) with its own JWS and {@code sha256sum} line. What {@link PackageVerifier} (and
 * {@code hub verify}) check, so that every test of the checks starts from the same intact package.
 */
public final class TestPackage {
    private TestPackage() {
    }

    /**
     * Writes {@code <base>.xml}, {@code .json}, {@code .json.sig}, {@code .pdf}, {@code .manifest.json},
     * {@code .manifest.json.sig} and {@code .manifest.json.sha256} into {@code folder}, signed with {@code keys}.
     */
    public static void write(HubSigningKeys keys, Path folder, String base, String xml, String json, String pdf)
            throws IOException {
        byte[] signedXml = keys.signXml(xml.getBytes(StandardCharsets.UTF_8));
        byte[] jsonBytes = json.getBytes(StandardCharsets.UTF_8);
        StringJoiner documents = new StringJoiner(",", "[", "]");
        documents.add(document(folder, base + ".xml", "application/xml", signedXml));
        documents.add(document(folder, base + ".json", "application/json", jsonBytes));
        documents.add(document(folder, base + ".pdf", "application/pdf", pdf.getBytes(StandardCharsets.US_ASCII)));
        Files.writeString(folder.resolve(base + ".json.sig"), keys.sign(jsonBytes));

        String manifestName = base + ".manifest.json";
        byte[] manifest = ("{\"version\":1,\"documents\":" + documents + "}").getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve(manifestName), manifest);
        Files.writeString(folder.resolve(manifestName + ".sig"), keys.sign(manifest));
        Files.writeString(folder.resolve(manifestName + PackageVerifier.SHA256_SUFFIX),
                Sha256.hex(manifest) + "  " + manifestName + "\n");
    }

    /** Writes one document and returns its manifest entry. */
    private static String document(Path folder, String name, String mediaType, byte[] bytes) throws IOException {
        Files.write(folder.resolve(name), bytes);
        return "{\"name\":\"" + name + "\",\"mediaType\":\"" + mediaType + "\",\"size\":" + bytes.length
                + ",\"sha256\":\"" + Sha256.hex(bytes) + "\"}";
    }
}

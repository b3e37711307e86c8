package kz.gov.safework.contract.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.gov.safework.contract.validation.ErrorCode;

/**
 * The certificates each agency signs with, registered by the operator in {@code config/certificates/<CODE>/*.pem}
 * (the folder named by the agency's {@code certificates} in agencies.yaml), and the revocation lists beside them ({@code *.crl}, optional). A certificate is trusted because it is registered
 * for the agency (pinned), not because of its chain; a CRL file is trusted because the operator put it there.
 */
public final class AgencyCertificates {
    private final Map<String, List<X509Certificate>> byAgency;
    private final List<X509CRL> revocationLists;

    public AgencyCertificates(Map<String, List<X509Certificate>> byAgency, List<X509CRL> revocationLists) {
        this.byAgency = new TreeMap<>();
        byAgency.forEach((agency, certificates) -> this.byAgency.put(agency, List.copyOf(certificates)));
        this.revocationLists = List.copyOf(revocationLists);
    }

    /**
     * Reads each agency's {@code *.pem} and {@code *.crl} from its folder ({@code Agency.certificates()}, relative to
     * the config directory and confined to it); an agency without a folder signs nothing.
     */
    public static AgencyCertificates load(Path configDir, Map<String, String> folderByAgency) throws IOException {
        Map<String, List<X509Certificate>> byAgency = new TreeMap<>();
        List<X509CRL> crls = new ArrayList<>();
        Path root = configDir.toAbsolutePath().normalize();
        for (Map.Entry<String, String> entry : folderByAgency.entrySet()) {
            String code = entry.getKey();
            Path folder = root.resolve(entry.getValue()).normalize();
            if (!folder.startsWith(root) || !Files.isDirectory(folder)) {
                throw new IOException("certificate folder of " + code + " is not a folder below " + root);
            }
            List<X509Certificate> certificates = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.{pem,crl}")) {
                for (Path file : files) {
                    try (InputStream in = Files.newInputStream(file)) {
                        if (file.getFileName().toString().endsWith(".pem")) {
                            for (Certificate c : factory().generateCertificates(in)) {
                                certificates.add((X509Certificate) c);
                            }
                        } else {
                            for (CRL crl : factory().generateCRLs(in)) {
                                crls.add((X509CRL) crl);
                            }
                        }
                    } catch (GeneralSecurityException e) {
                        throw new IOException("unreadable certificate or CRL " + file + ": " + e.getMessage(), e);
                    }
                }
            }
            byAgency.put(code, certificates);
        }
        return new AgencyCertificates(byAgency, crls);
    }

    /**
     * The signer of a certificate a signature carries: its agency if registered, valid at {@code now} and not revoked.
     */
    public Signer signer(X509Certificate certificate, Instant now) throws SignatureRefused {
        String agency = agencyOf(certificate);
        try {
            certificate.checkValidity(Date.from(now));
        } catch (GeneralSecurityException e) {
            throw new SignatureRefused(ErrorCode.CERTIFICATE_EXPIRED, "certificate valid "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant());
        }
        for (X509CRL crl : revocationLists) {
            if (crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal()) && crl.isRevoked(certificate)) {
                throw new SignatureRefused(ErrorCode.CERTIFICATE_REVOKED,
                        "certificate " + certificate.getSerialNumber().toString(16) + " is on its issuer's CRL");
            }
        }
        return new Signer(agency, certificate.getSubjectX500Principal().getName(),
                certificate.getSerialNumber().toString(16), now);
    }

    private String agencyOf(X509Certificate certificate) throws SignatureRefused {
        for (Map.Entry<String, List<X509Certificate>> entry : byAgency.entrySet()) {
            if (entry.getValue().contains(certificate)) {
                return entry.getKey();
            }
        }
        throw new SignatureRefused(ErrorCode.CERTIFICATE_UNKNOWN, "the signing certificate is registered for no agency");
    }

    static CertificateFactory factory() throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509");
    }
}

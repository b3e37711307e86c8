package kz.gov.safework.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.util.Date;
import java.util.Enumeration;

/**
 * A JCA provider for tests, standing in for a national one: keystore type {@value #NAME} (a PKCS12 file under a
 * name the JDK does not know), and SHA256withRSA and SHA256withECDSA that always fail, which would break every
 * signature of the hub if the provider came before the JDK's instead of after.
 */
public final class TestJcaProvider extends Provider {
    public static final String NAME = "SAFEWORK-TEST";

    public TestJcaProvider() {
        super(NAME, "1.0", "Safe Labour hub test provider");
        put("KeyStore." + NAME, Pkcs12KeyStore.class.getName());
        put("Signature.SHA256withRSA", FailingSignature.class.getName());
        put("Signature.SHA256withECDSA", FailingSignature.class.getName());
    }

    /** A PKCS12 keystore of the JDK's, reached through another type name. */
    public static final class Pkcs12KeyStore extends KeyStoreSpi {
        private final KeyStore pkcs12;

        public Pkcs12KeyStore() throws KeyStoreException {
            pkcs12 = KeyStore.getInstance("PKCS12");
        }

        @Override
        public Key engineGetKey(String alias, char[] password) throws NoSuchAlgorithmException, UnrecoverableKeyException {
            try {
                return pkcs12.getKey(alias, password);
            } catch (KeyStoreException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Certificate[] engineGetCertificateChain(String alias) {
            return call(() -> pkcs12.getCertificateChain(alias));
        }

        @Override
        public Certificate engineGetCertificate(String alias) {
            return call(() -> pkcs12.getCertificate(alias));
        }

        @Override
        public Date engineGetCreationDate(String alias) {
            return call(() -> pkcs12.getCreationDate(alias));
        }

        @Override
        public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain)
                throws KeyStoreException {
            pkcs12.setKeyEntry(alias, key, password, chain);
        }

        @Override
        public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) throws KeyStoreException {
            pkcs12.setKeyEntry(alias, key, chain);
        }

        @Override
        public void engineSetCertificateEntry(String alias, Certificate cert) throws KeyStoreException {
            pkcs12.setCertificateEntry(alias, cert);
        }

        @Override
        public void engineDeleteEntry(String alias) throws KeyStoreException {
            pkcs12.deleteEntry(alias);
        }

        @Override
        public Enumeration<String> engineAliases() {
            return call(pkcs12::aliases);
        }

        @Override
        public boolean engineContainsAlias(String alias) {
            return call(() -> pkcs12.containsAlias(alias));
        }

        @Override
        public int engineSize() {
            return call(pkcs12::size);
        }

        @Override
        public boolean engineIsKeyEntry(String alias) {
            return call(() -> pkcs12.isKeyEntry(alias));
        }

        @Override
        public boolean engineIsCertificateEntry(String alias) {
            return call(() -> pkcs12.isCertificateEntry(alias));
        }

        @Override
        public String engineGetCertificateAlias(Certificate cert) {
            return call(() -> pkcs12.getCertificateAlias(cert));
        }

        @Override
        public void engineStore(OutputStream stream, char[] password)
                throws IOException, NoSuchAlgorithmException, CertificateException {
            try {
                pkcs12.store(stream, password);
            } catch (KeyStoreException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void engineLoad(InputStream stream, char[] password)
                throws IOException, NoSuchAlgorithmException, CertificateException {
            pkcs12.load(stream, password);
        }

        private interface Call<T> {
            T run() throws GeneralSecurityException;
        }

        private static <T> T call(Call<T> call) {
            try {
                return call.run();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Fails every use: the provider's signatures must never be picked before the JDK's. */
    public static final class FailingSignature extends SignatureSpi {
        private static final String REASON = "the test provider's signature was used instead of the JDK's";

        @Override
        protected void engineInitVerify(PublicKey publicKey) {
            // accepted, so that the JDK does not pass over this provider for the next one: the use fails
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) {
            // accepted, as above
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            throw new SignatureException(REASON);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            throw new SignatureException(REASON);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            throw new SignatureException(REASON);
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            throw new SignatureException(REASON);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException(REASON);
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException(REASON);
        }
    }
}

package kz.gov.safework.contract.signature;

/**
 * What the hub signs the consolidated package for the Government with: the detached JWS of {@link HubSigner} for the
 * JSON and the manifest, and an enveloped XML-DSig ({@link HubXmlSignature}) for the XML.
 */
public interface PackageSigner extends HubSigner {
    /** The media type of a package part that is a detached JWS ({@code <name>.sig} of the JSON and the manifest). */
    String MEDIA_TYPE = "application/jose";

    /** {@code xml} with the hub's enveloped XML-DSig over the whole document. */
    byte[] signXml(byte[] xml);
}

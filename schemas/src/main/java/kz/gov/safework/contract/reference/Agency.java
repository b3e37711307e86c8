package kz.gov.safework.contract.reference;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.gov.safework.contract.signature.SignaturePolicy;

/**
 * A body that reports (or receives reports). Its login on every channel is the code in lower case.
 * {@code remoteSftp} is set for agencies whose own SFTP server the hub polls. {@code validFrom} /
 * {@code validTo} bound the body's existence (null: open); {@code predecessors} are the bodies that covered
 * its territory or functions before it existed. {@code certificates} is the folder (relative to the config
 * directory) of the certificates it signs with; {@code signature} maps a channel id (or {@code default}) to
 * {@code required}, {@code optional} or {@code off}.
 */
public record Agency(
        String code,
        AgencyKind kind,
        String nameRu,
        String nameKk,
        String nameEn,
        List<String> aliases,
        List<String> emails,
        RemoteSftp remoteSftp,
        LocalDate validFrom,
        LocalDate validTo,
        List<String> predecessors,
        String certificates,
        Map<String, String> signature) {

    /** The {@code signature} key naming the policy of every channel not named on its own. */
    public static final String ALL_CHANNELS = "default";

    public Agency {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        emails = emails == null ? List.of() : List.copyOf(emails);
        predecessors = predecessors == null ? List.of() : List.copyOf(predecessors);
        signature = signature == null ? Map.of() : Map.copyOf(signature);
    }

    public Agency(String code, AgencyKind kind, String nameRu, String nameKk, String nameEn, List<String> aliases,
                  List<String> emails, RemoteSftp remoteSftp) {
        this(code, kind, nameRu, nameKk, nameEn, aliases, emails, remoteSftp, null, null, List.of(), null, null);
    }

    /**
     * Whether this agency's documents on a channel ({@code Channel.id()}) must be signed: the channel's own entry in
     * {@code signature}, else its {@code default} entry, else {@link SignaturePolicy#DEFAULT}.
     */
    public SignaturePolicy signaturePolicy(String channel) {
        return signaturePolicy(channel, SignaturePolicy.DEFAULT);
    }

    /** As {@link #signaturePolicy(String)}, with {@code otherwise} where agencies.yaml says nothing for the channel. */
    public SignaturePolicy signaturePolicy(String channel, SignaturePolicy otherwise) {
        String named = signature.getOrDefault(channel, signature.get(ALL_CHANNELS));
        return named == null || named.isBlank() ? otherwise : SignaturePolicy.of(named);
    }

    public String login() {
        return code.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the body existed during part of the reporting year: a body formed in June 2022 reports for 2022
     * (its work that year), not for 2021.
     */
    public boolean validIn(int year) {
        return (validFrom == null || validFrom.getYear() <= year) && (validTo == null || validTo.getYear() >= year);
    }
}

package kz.gov.safework.contract.reference;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A body that reports (or receives reports). Its login on every channel is the code in lower case.
 * {@code remoteSftp} is set for agencies whose own SFTP server the hub polls. {@code validFrom} /
 * {@code validTo} bound the body's existence (null: open); {@code predecessors} are the bodies that covered
 * its territory or functions before it existed.
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
        List<String> predecessors) {

    public Agency {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        emails = emails == null ? List.of() : List.copyOf(emails);
        predecessors = predecessors == null ? List.of() : List.copyOf(predecessors);
    }

    public Agency(String code, AgencyKind kind, String nameRu, String nameKk, String nameEn, List<String> aliases,
                  List<String> emails, RemoteSftp remoteSftp) {
        this(code, kind, nameRu, nameKk, nameEn, aliases, emails, remoteSftp, null, null, List.of());
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

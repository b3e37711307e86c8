package kz.gov.safework.contract.reference;

import java.util.List;
import java.util.Locale;

/**
 * A body that reports (or receives reports). Its login on every channel is the code in lower case.
 * {@code remoteSftp} is set for agencies whose own SFTP server the hub polls.
 */
public record Agency(
        String code,
        AgencyKind kind,
        String nameRu,
        String nameKk,
        String nameEn,
        List<String> aliases,
        List<String> emails,
        RemoteSftp remoteSftp) {

    public Agency {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        emails = emails == null ? List.of() : List.copyOf(emails);
    }

    public String login() {
        return code.toLowerCase(Locale.ROOT);
    }
}

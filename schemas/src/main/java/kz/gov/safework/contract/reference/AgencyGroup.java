package kz.gov.safework.contract.reference;

import java.util.List;

/** A named set of agencies a plan item can name as responsible, e.g. ALL-AKIMATS. */
public record AgencyGroup(String code, String nameRu, String nameEn, List<String> members) {
    public AgencyGroup {
        members = members == null ? List.of() : List.copyOf(members);
    }
}

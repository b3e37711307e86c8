package kz.gov.safework.contract.reference;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Agencies, groups and plans: the hub's reference data, immutable once loaded.
 * {@link #load(Path)} reads {@code agencies.yaml} and {@code plans/*.yaml} from the config directory
 * and checks them against their schemas.
 */
public final class ReferenceData {
    private final Map<String, Agency> agencies;
    private final Map<String, AgencyGroup> groups;
    private final Map<String, Plan> plans;
    private final Map<String, Agency> byEmail;

    public ReferenceData(Collection<Agency> agencies, Collection<AgencyGroup> groups, Collection<Plan> plans) {
        this.agencies = index(agencies, Agency::code);
        this.groups = index(groups, AgencyGroup::code);
        this.plans = index(plans, Plan::id);
        Map<String, Agency> emails = new LinkedHashMap<>();
        for (Agency agency : agencies) {
            for (String email : agency.emails()) {
                emails.put(email.toLowerCase(Locale.ROOT), agency);
            }
        }
        this.byEmail = Map.copyOf(emails);
    }

    private static <T> Map<String, T> index(Collection<T> values, Function<T, String> key) {
        return values.stream().collect(Collectors.toMap(key, v -> v, (a, b) -> {
            throw new IllegalArgumentException("duplicate code " + key.apply(a));
        }, LinkedHashMap::new));
    }

    /** Loads {@code agencies.yaml} and {@code plans/*.yaml}; throws with file, path and reason when broken. */
    public static ReferenceData load(Path configDir) {
        return ReferenceDataLoader.load(configDir);
    }

    public Collection<Agency> agencies() {
        return agencies.values();
    }

    public Optional<Agency> agency(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(agencies.get(code));
    }

    /** By login (the code in lower case). */
    public Optional<Agency> agencyByLogin(String login) {
        return login == null ? Optional.empty() : agency(login.toUpperCase(Locale.ROOT));
    }

    /** By e-mail address (the bare address), compared case-insensitively. */
    public Optional<Agency> agencyByEmail(String address) {
        return address == null ? Optional.empty()
                : Optional.ofNullable(byEmail.get(address.trim().toLowerCase(Locale.ROOT)));
    }

    public Collection<AgencyGroup> groups() {
        return groups.values();
    }

    public Optional<AgencyGroup> group(String code) {
        return Optional.ofNullable(groups.get(code));
    }

    public Collection<Plan> plans() {
        return plans.values();
    }

    public Optional<Plan> plan(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(plans.get(id));
    }

    /** Agency codes behind responsible entries, groups expanded, in order of appearance. */
    public Set<String> expand(List<Responsible> responsible) {
        Set<String> codes = new LinkedHashSet<>();
        for (Responsible r : responsible) {
            AgencyGroup group = groups.get(r.code());
            if (group != null) {
                codes.addAll(group.members());
            } else {
                codes.add(r.code());
            }
        }
        return codes;
    }

    /**
     * The agencies behind responsible entries that exist in the reporting year, each with what the entry obliges
     * it to, in order of appearance; an agency named twice (directly and through a group) keeps its strongest kind.
     */
    public Map<String, ObligationKind> expand(List<Responsible> responsible, int year) {
        Map<String, ObligationKind> kinds = new LinkedHashMap<>();
        for (Responsible r : responsible) {
            AgencyGroup group = groups.get(r.code());
            List<String> codes = group != null ? group.members() : List.of(r.code());
            for (String code : codes) {
                Agency agency = agencies.get(code);
                if (agency == null || agency.validIn(year)) {
                    kinds.merge(code, r.kind(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                }
            }
        }
        return kinds;
    }
}

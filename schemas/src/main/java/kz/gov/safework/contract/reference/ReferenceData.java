package kz.gov.safework.contract.reference;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Agencies, groups and plans, loaded from the config directory and checked against their schemas.
 * Stub signatures; the loader is built by the reference-data work.
 */
public final class ReferenceData {

    /** Loads {@code agencies.yaml} and {@code plans/*.yaml}; throws with file, path and reason when broken. */
    public static ReferenceData load(Path configDir) {
        throw new UnsupportedOperationException("not yet");
    }

    public Collection<Agency> agencies() {
        throw new UnsupportedOperationException();
    }

    public Optional<Agency> agency(String code) {
        throw new UnsupportedOperationException();
    }

    /** By login (the code in lower case). */
    public Optional<Agency> agencyByLogin(String login) {
        throw new UnsupportedOperationException();
    }

    /** By e-mail address, compared case-insensitively, display names ignored. */
    public Optional<Agency> agencyByEmail(String address) {
        throw new UnsupportedOperationException();
    }

    public Collection<AgencyGroup> groups() {
        throw new UnsupportedOperationException();
    }

    public Collection<Plan> plans() {
        throw new UnsupportedOperationException();
    }

    public Optional<Plan> plan(String id) {
        throw new UnsupportedOperationException();
    }

    /** Agency codes behind responsible entries, groups expanded. */
    public Set<String> expand(List<Responsible> responsible) {
        throw new UnsupportedOperationException();
    }

    /** Items of the plan this agency is responsible for and that are in force in the year. */
    public List<PlanItem> itemsOwed(Plan plan, String agencyCode, int year) {
        throw new UnsupportedOperationException();
    }
}

package kz.gov.safework.contract.reference;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code agencies.yaml} and {@code plans/*.yaml} from the config directory: YAML, then the JSON
 * Schema, then the records, then the checks across entries and files that a schema cannot express.
 * Any problem is a {@link ReferenceDataException} naming the file, the JSON Pointer inside it and the
 * reason, so a broken file stops start-up with a message an operator can act on.
 */
public final class ReferenceDataLoader {
    public static final String AGENCIES_FILE = "agencies.yaml";
    public static final String PLANS_DIR = "plans";
    private static final String PLAN_SUFFIX = ".yaml";
    /** Schema errors listed in one message; the rest are counted. */
    private static final int MAX_LISTED = 10;

    private ReferenceDataLoader() {
    }

    public static ReferenceData load(Path configDir) {
        YamlSource agenciesSource = YamlSource.read(configDir.resolve(AGENCIES_FILE));
        checkSchema(agenciesSource, ReferenceSchemas.validateAgencies(agenciesSource.tree));
        AgenciesFile agencies = bind(agenciesSource, AgenciesFile.class);
        checkAgencies(agenciesSource, agencies);

        Set<String> agencyCodes = agencies.agencies().stream().map(Agency::code).collect(Collectors.toSet());
        Set<String> groupCodes = agencies.groups().stream().map(AgencyGroup::code).collect(Collectors.toSet());

        Map<String, Plan> plans = new LinkedHashMap<>();
        for (Path file : planFiles(configDir.resolve(PLANS_DIR))) {
            YamlSource source = YamlSource.read(file);
            checkSchema(source, ReferenceSchemas.validatePlan(source.tree));
            Plan plan = bind(source, Plan.class);
            checkPlan(source, file, plan, agencyCodes, groupCodes);
            if (plans.putIfAbsent(plan.id(), plan) != null) {
                throw source.error("/id", "plan id '" + plan.id() + "' is used by another plan file too");
            }
        }
        return new ReferenceData(agencies.agencies(), agencies.groups(), plans.values());
    }

    /** The top level of agencies.yaml. */
    record AgenciesFile(List<Agency> agencies, List<AgencyGroup> groups) {
        AgenciesFile {
            groups = groups == null ? List.of() : groups;
        }
    }

    private static List<Path> planFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ReferenceDataException(dir.toString(), "", "plans directory not found");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + PLAN_SUFFIX)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new ReferenceDataException(dir.toString(), "", "cannot list plan files: " + e);
        }
        if (files.isEmpty()) {
            throw new ReferenceDataException(dir.toString(), "", "no plan files (*" + PLAN_SUFFIX + ")");
        }
        files.sort(null);
        return files;
    }

    private static void checkSchema(YamlSource source, List<Error> errors) {
        if (errors.isEmpty()) {
            return;
        }
        Error first = errors.get(0);
        StringBuilder reason = new StringBuilder(first.getMessage()).append(source.lineSuffix(pointer(first)));
        for (int i = 1; i < Math.min(errors.size(), MAX_LISTED); i++) {
            Error e = errors.get(i);
            String at = pointer(e);
            reason.append("; also ").append(at.isEmpty() ? "at the top level" : "at " + at).append(": ")
                    .append(e.getMessage()).append(source.lineSuffix(at));
        }
        if (errors.size() > MAX_LISTED) {
            reason.append("; and ").append(errors.size() - MAX_LISTED).append(" more");
        }
        throw new ReferenceDataException(source.file, pointer(first), reason.toString());
    }

    private static String pointer(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        return location.equals("/") ? "" : location;
    }

    /** The schema has passed, so this only fails on what a schema cannot see (e.g. 30 February). */
    private static <T> T bind(YamlSource source, Class<T> type) {
        try {
            return YamlSource.BINDER.treeToValue(source.tree, type);
        } catch (JsonMappingException e) {
            StringBuilder pointer = new StringBuilder();
            for (JsonMappingException.Reference ref : e.getPath()) {
                pointer.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
            }
            String message = e.getOriginalMessage();
            int nl = message == null ? -1 : message.indexOf('\n');
            throw source.error(pointer.toString(), "invalid value: " + (nl < 0 ? message : message.substring(0, nl)));
        } catch (IOException e) {
            throw source.error("", "cannot map: " + e.getMessage());
        }
    }

    private static void checkAgencies(YamlSource source, AgenciesFile file) {
        Map<String, String> codes = new HashMap<>();
        Map<String, String> emails = new HashMap<>();
        for (int i = 0; i < file.agencies().size(); i++) {
            Agency agency = file.agencies().get(i);
            String at = "/agencies/" + i;
            String previous = codes.putIfAbsent(agency.code(), at);
            if (previous != null) {
                throw source.error(at + "/code", "duplicate code '" + agency.code() + "' (first at " + previous + ")");
            }
            for (int j = 0; j < agency.emails().size(); j++) {
                String email = agency.emails().get(j).toLowerCase(Locale.ROOT);
                String owner = emails.putIfAbsent(email, agency.code());
                if (owner != null) {
                    throw source.error(at + "/emails/" + j, "e-mail address '" + email + "' is listed for "
                            + owner + " too; an address must identify one agency");
                }
            }
        }
        for (int i = 0; i < file.groups().size(); i++) {
            AgencyGroup group = file.groups().get(i);
            String at = "/groups/" + i;
            String previous = codes.putIfAbsent(group.code(), at);
            if (previous != null) {
                throw source.error(at + "/code", "duplicate code '" + group.code() + "' (first at " + previous
                        + "); agencies and groups share one set of codes");
            }
        }
        for (int i = 0; i < file.agencies().size(); i++) {
            Agency agency = file.agencies().get(i);
            String at = "/agencies/" + i;
            if (agency.validFrom() != null && agency.validTo() != null && agency.validTo().isBefore(agency.validFrom())) {
                throw source.error(at + "/validTo", "validTo " + agency.validTo() + " is before validFrom "
                        + agency.validFrom());
            }
            for (int j = 0; j < agency.predecessors().size(); j++) {
                String predecessor = agency.predecessors().get(j);
                String where = codes.get(predecessor);
                if (where == null || !where.startsWith("/agencies/") || predecessor.equals(agency.code())) {
                    throw source.error(at + "/predecessors/" + j, "unknown predecessor '" + predecessor
                            + "': must be another agency's code");
                }
            }
        }
        for (int i = 0; i < file.groups().size(); i++) {
            AgencyGroup group = file.groups().get(i);
            for (int j = 0; j < group.members().size(); j++) {
                String member = group.members().get(j);
                String where = codes.get(member);
                if (where == null || !where.startsWith("/agencies/")) {
                    throw source.error("/groups/" + i + "/members/" + j, "unknown agency code '" + member + "'"
                            + (where == null ? "" : " (groups cannot contain groups)"));
                }
            }
        }
    }

    private static void checkPlan(YamlSource source, Path file, Plan plan, Set<String> agencyCodes,
            Set<String> groupCodes) {
        String expectedId = file.getFileName().toString();
        expectedId = expectedId.substring(0, expectedId.length() - PLAN_SUFFIX.length());
        if (!plan.id().equals(expectedId)) {
            throw source.error("/id", "plan id '" + plan.id() + "' does not match the file name (expected '"
                    + expectedId + "')");
        }
        if (plan.firstReportingYear() > plan.lastReportingYear()) {
            throw source.error("/lastReportingYear", "lastReportingYear " + plan.lastReportingYear()
                    + " is before firstReportingYear " + plan.firstReportingYear());
        }
        Set<Integer> sections = new HashSet<>();
        for (int i = 0; i < plan.sections().size(); i++) {
            if (!sections.add(plan.sections().get(i).number())) {
                throw source.error("/sections/" + i + "/number", "duplicate section number "
                        + plan.sections().get(i).number());
            }
        }
        Map<String, Integer> itemIndex = new HashMap<>();
        for (int i = 0; i < plan.items().size(); i++) {
            PlanItem item = plan.items().get(i);
            String at = "/items/" + i;
            if (itemIndex.putIfAbsent(item.number(), i) != null) {
                throw source.error(at + "/number", "duplicate item number '" + item.number() + "'");
            }
            if (!sections.contains(item.section())) {
                throw source.error(at + "/section", "section " + item.section() + " is not among the plan's sections");
            }
            checkResponsible(source, at, item, agencyCodes, groupCodes);
            checkDeadline(source, at + "/deadline", item.deadline());
            checkFinancing(source, at + "/financing", item.financing());
        }
        checkAmendments(source, plan, itemIndex);
    }

    private static void checkResponsible(YamlSource source, String at, PlanItem item, Set<String> agencyCodes,
            Set<String> groupCodes) {
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < item.responsible().size(); j++) {
            String code = item.responsible().get(j).code();
            String where = at + "/responsible/" + j + "/code";
            if (!agencyCodes.contains(code) && !groupCodes.contains(code)) {
                throw source.error(where, "unknown responsible code '" + code + "': not an agency or group in "
                        + AGENCIES_FILE);
            }
            if (!seen.add(code)) {
                throw source.error(where, "responsible code '" + code + "' is listed twice");
            }
        }
    }

    private static void checkDeadline(YamlSource source, String at, Deadline deadline) {
        if (deadline.fromYear() > deadline.toYear()) {
            throw source.error(at + "/toYear", "toYear " + deadline.toYear() + " is before fromYear "
                    + deadline.fromYear());
        }
        boolean singleYear = switch (deadline.kind()) {
            case YEAR, MONTH, QUARTER, HALF_YEAR -> true;
            case YEAR_RANGE, ANNUALLY, TWICE_A_YEAR -> false;
        };
        if (singleYear && deadline.fromYear() != deadline.toYear()) {
            throw source.error(at + "/toYear", "a " + deadline.kind() + " deadline lies in one year: fromYear and"
                    + " toYear must be equal");
        }
    }

    private static void checkFinancing(YamlSource source, String at, Financing financing) {
        if (financing.total() == null || financing.amounts().isEmpty()) {
            return;
        }
        BigDecimal sum = financing.amounts().stream().map(Financing.Amount::thousandTenge)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(financing.total()) != 0) {
            throw source.error(at + "/total", "total " + financing.total().toPlainString()
                    + " is not the sum of the amounts (" + sum.toPlainString() + ")");
        }
    }

    /** addedItems and addedBy must tell the same story, and an added item is in force from its act's year. */
    private static void checkAmendments(YamlSource source, Plan plan, Map<String, Integer> itemIndex) {
        Map<String, LegalAct> byNumber = new HashMap<>();
        for (int a = 0; a < plan.amendments().size(); a++) {
            LegalAct act = plan.amendments().get(a);
            if (byNumber.putIfAbsent(act.number(), act) != null) {
                throw source.error("/amendments/" + a + "/number", "duplicate amendment number '" + act.number() + "'");
            }
            for (int k = 0; k < act.addedItems().size(); k++) {
                String number = act.addedItems().get(k);
                Integer index = itemIndex.get(number);
                String where = "/amendments/" + a + "/addedItems/" + k;
                if (index == null) {
                    throw source.error(where, "item '" + number + "' is not in the plan");
                }
                if (!act.number().equals(plan.items().get(index).addedBy())) {
                    throw source.error("/items/" + index + "/addedBy", "item '" + number + "' is listed as added by"
                            + " amendment '" + act.number() + "' but its addedBy says '"
                            + plan.items().get(index).addedBy() + "'");
                }
            }
        }
        for (int i = 0; i < plan.items().size(); i++) {
            PlanItem item = plan.items().get(i);
            if (item.addedBy() == null) {
                continue;
            }
            LegalAct act = byNumber.get(item.addedBy());
            if (act == null || !act.addedItems().contains(item.number())) {
                throw source.error("/items/" + i + "/addedBy", "item '" + item.number() + "' says it was added by '"
                        + item.addedBy() + "', but no amendment lists it among its addedItems");
            }
            if (item.inForceFromYear() < act.date().getYear()) {
                throw source.error("/items/" + i + "/inForceFromYear", "item '" + item.number() + "' cannot be in"
                        + " force from " + item.inForceFromYear() + ": amendment '" + act.number() + "' dates from "
                        + act.date());
            }
        }
    }
}

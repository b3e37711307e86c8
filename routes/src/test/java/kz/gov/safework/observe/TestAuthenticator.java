package kz.gov.safework.observe;

import kz.gov.safework.api.ApiAuthenticator;
import kz.gov.safework.api.BasicCredentials;
import kz.gov.safework.contract.reference.Principals.Principal;
import kz.gov.safework.contract.reference.Principals.Role;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Two users for tests: {@code operator} (an operator) and {@code mz} (an agency, not an operator). */
final class TestAuthenticator implements ApiAuthenticator {
    static final String OPERATOR = "operator";
    static final String OPERATOR_PASSWORD = "operator-secret";
    static final String AGENCY = "mz";
    static final String AGENCY_PASSWORD = "mz-secret";

    private static final Map<String, String> PASSWORDS = Map.of(OPERATOR, OPERATOR_PASSWORD, AGENCY, AGENCY_PASSWORD);
    private static final Set<String> OPERATORS = Set.of(OPERATOR);

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<Principal> authenticate(String authorizationHeader) {
        return loginOf(authorizationHeader).map(login -> OPERATORS.contains(login)
                ? new Principal(login, null, Set.of(Role.OPERATOR)) : new Principal(login, "MZ", Set.of(Role.AGENCY)));
    }

    private Optional<String> loginOf(String authorizationHeader) {
        return BasicCredentials.parse(authorizationHeader)
                .filter(c -> c.password().equals(PASSWORDS.get(c.login())))
                .map(BasicCredentials::login);
    }

}

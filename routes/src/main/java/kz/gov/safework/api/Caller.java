package kz.gov.safework.api;

import java.util.Set;

/** Who called the HTTP API: the login, the agency behind it (if any) and what it may do. */
public record Caller(String login, String agency, Set<ApiRole> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(ApiRole role) {
        return roles.contains(role);
    }
}

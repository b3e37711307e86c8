package kz.gov.safework.api;

/** What an API caller may do. An agency login may read its own documents; MTSZN may also approve. */
public enum ApiRole {
    OPERATOR, MTSZN, GOVERNMENT, AGENCY
}

package kz.gov.safework.contract.reference;

public enum AgencyKind {
    MINISTRY, AGENCY, AKIMAT, ASSOCIATION, ORGANISATION
}

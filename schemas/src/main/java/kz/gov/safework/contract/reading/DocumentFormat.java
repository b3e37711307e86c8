package kz.gov.safework.contract.reading;

public enum DocumentFormat {
    XML, JSON, UNKNOWN
}

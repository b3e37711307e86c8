package kz.gov.safework.contract.report;

public enum ItemStatus {
    NOT_STARTED, IN_PROGRESS, COMPLETED, NOT_DUE
}

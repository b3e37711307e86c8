package kz.gov.safework.contract.receipt;

public enum ReceiptStatus {
    ACCEPTED, REJECTED, DUPLICATE
}

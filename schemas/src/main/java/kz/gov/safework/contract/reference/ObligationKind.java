package kz.gov.safework.contract.reference;

/**
 * What a responsible entry obliges an agency to in a reporting year (decree No. 419, paragraph 2):
 * {@code OWES} must report; {@code BY_AGREEMENT} reports as agreed ("по согласованию"), shown apart and
 * reminded only when configured; {@code CONTRIBUTES} may send, never counts as missing, is never reminded.
 * Declared strongest first.
 */
public enum ObligationKind {
    OWES, BY_AGREEMENT, CONTRIBUTES
}

package kz.gov.safework.contract.reference;

/**
 * One responsible entry of an item: an agency or group code. {@code byAgreement} is the decree's
 * "(по согласованию)"; {@code contributes} marks a co-executor paragraph 2 of the decree does not oblige to
 * report (it may send, it never owes). See routes/CYCLE.md.
 */
public record Responsible(String code, boolean byAgreement, boolean contributes) {

    public Responsible(String code, boolean byAgreement) {
        this(code, byAgreement, false);
    }

    /** What the entry obliges: contributes wins over byAgreement (a contributor owes nothing either way). */
    public ObligationKind kind() {
        if (contributes) {
            return ObligationKind.CONTRIBUTES;
        }
        return byAgreement ? ObligationKind.BY_AGREEMENT : ObligationKind.OWES;
    }
}

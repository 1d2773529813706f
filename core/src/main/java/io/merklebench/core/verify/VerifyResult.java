package io.merklebench.core.verify;

/**
 * What a verification of one saved state checked and found. Immutable.
 *
 * @param checks  what was checked, in words, for the report ({@code every node: AVL heights and balance, ...})
 * @param checked how many nodes (or entries) were checked before the end or the first damage
 * @param unit    what {@code checked} counts: {@code nodes}, {@code entries}
 * @param damage  the first damage found, or {@code null} when the state is healthy
 */
public record VerifyResult(String checks, long checked, String unit, Damage damage) {
    public boolean healthy() {
        return damage == null;
    }
}

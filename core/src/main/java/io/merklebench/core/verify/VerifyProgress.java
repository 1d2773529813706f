package io.merklebench.core.verify;

/**
 * Told how far a verification has got, every few thousand nodes (and once at the end), so a command can show
 * progress on a large store; it decides how often to print.
 */
@FunctionalInterface
public interface VerifyProgress {
    VerifyProgress NONE = (checked, total) -> { };

    /**
     * @param checked nodes (or entries) checked so far
     * @param total   how many there should be in all, from the saved sizes; -1 when unknown
     */
    void checked(long checked, long total);
}

package io.merklebench.hostinfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of the checkout the toolkit runs from ({@code git rev-parse HEAD} in the working directory), with
 * {@code -dirty} appended when tracked files have uncommitted changes, so a result can be traced to its code.
 * {@value HostFacts#UNKNOWN} when not in a checkout, git is missing, or it takes longer than
 * {@value #TIMEOUT_SECONDS} s.
 */
public final class GitCommit {
    private static final long TIMEOUT_SECONDS = 5;
    private static final String DIRTY_SUFFIX = "-dirty";

    private GitCommit() {
    }

    public static String of(final Path workingDirectory) {
        final String head = run(workingDirectory, List.of("git", "rev-parse", "HEAD"));
        if (head == null || !head.matches("[0-9a-f]{40,64}")) {
            return HostFacts.UNKNOWN;
        }
        final String changes = run(workingDirectory, List.of("git", "status", "--porcelain", "--untracked-files=no"));
        return changes == null || changes.isEmpty() ? head : head + DIRTY_SUFFIX;
    }

    /** The command's trimmed standard output, or null when it fails, times out or cannot start. */
    private static String run(final Path workingDirectory, final List<String> command) {
        try {
            final Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            final String output;
            try (InputStream stdout = process.getInputStream()) {
                output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? output : null;
        } catch (final IOException e) {
            return null;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

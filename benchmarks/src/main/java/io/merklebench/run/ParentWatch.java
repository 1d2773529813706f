package io.merklebench.run;

import io.merklebench.bench.TrialDirectory;
import io.merklebench.core.store.StoreFactory;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Ends a JMH fork whose {@code mbench run} is gone. JMH's forked JVM notices a dead parent only when it next reports
 * to it, so after a SIGKILL of {@code mbench run} it went on benchmarking (and writing to the disk being measured) for
 * seconds. This is a Java agent ({@code Premain-Class} of the mbench jar), given to every fork as
 * {@code -javaagent:mbench.jar=PARENT_PID} by {@link CaseRunner}: a daemon thread checks every
 * {@value #CHECK_MILLIS} ms that the parent lives, and when it does not, deletes the run's benchmark data folder
 * (nobody else is left to) and halts the fork.
 */
public final class ParentWatch {
    static final long CHECK_MILLIS = 250;
    /** The fork's exit status when its parent died. */
    static final int PARENT_GONE_STATUS = 3;

    private ParentWatch() {
    }

    /** The agent's entry: {@code args} is the parent's process id. */
    public static void premain(final String args) {
        watch(Long.parseLong(args.trim()));
    }

    /** Starts the watch of {@code parentPid} in this JVM. */
    static void watch(final long parentPid) {
        final Thread watchdog = new Thread(() -> {
            try {
                while (ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false)) {
                    Thread.sleep(CHECK_MILLIS);
                }
            } catch (final InterruptedException e) {
                return;
            }
            System.err.println("mbench run (pid " + parentPid + ") is gone: this benchmark fork stops and deletes "
                + TrialDirectory.dataDirectory());
            try {
                StoreFactory.deleteRecursively(TrialDirectory.dataDirectory());
            } catch (final RuntimeException cannotDelete) {
                System.err.println("could not delete " + TrialDirectory.dataDirectory() + ": " + cannotDelete);
            }
            Runtime.getRuntime().halt(PARENT_GONE_STATUS);
        }, "mbench-parent-watch");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * The JVM option that installs the watch of this process in a fork, or empty when this code does not run from a
     * jar (tests run from class folders, and an agent must be a jar).
     */
    static Optional<String> agentOptionForThisProcess() {
        try {
            final Path location = Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location) || !location.getFileName().toString().endsWith(".jar")) {
                return Optional.empty();
            }
            return Optional.of("-javaagent:" + location.toAbsolutePath() + "=" + ProcessHandle.current().pid());
        } catch (final URISyntaxException | RuntimeException unknownLocation) {
            return Optional.empty();
        }
    }
}

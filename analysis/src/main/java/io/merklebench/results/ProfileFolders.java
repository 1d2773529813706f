package io.merklebench.results;

import java.nio.file.Path;

/**
 * Where a profiled run ({@code mbench run --profiler ...}) keeps its profiles: {@value #DIRECTORY}/ in the run folder,
 * one folder per case, holding per event {@code <event>.collapsed} (the stacks of every fork, summed) and
 * {@code <event>.html} (async-profiler's flame graph of them). Stateless.
 */
public final class ProfileFolders {
    /** Folder of the profiles inside a run folder. */
    public static final String DIRECTORY = "profiles";

    private ProfileFolders() {
    }

    /** A case's folder name: its label, '=' as '-', and every run of other characters than letters, digits, '.', '-' as '_'. */
    public static String caseDirectoryName(final String caseLabel) {
        return caseLabel.replace('=', '-').replaceAll("[^A-Za-z0-9.\\-]+", "_");
    }

    /** The folder of case {@code caseLabel} in run folder {@code runDirectory}. */
    public static Path caseDirectory(final Path runDirectory, final String caseLabel) {
        return runDirectory.resolve(DIRECTORY).resolve(caseDirectoryName(caseLabel));
    }

    /** The flame graph of {@code event} for case {@code caseLabel}. */
    public static Path flameGraph(final Path runDirectory, final String caseLabel, final String event) {
        return caseDirectory(runDirectory, caseLabel).resolve(event + ".html");
    }
}

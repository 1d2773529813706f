package io.merklebench.simulate;

import io.merklebench.core.changeset.ChangesetWriter;
import io.merklebench.simulate.plan.Plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --write-changeset FILE}: the plan's operations as changesets that {@code mbench replay} reads, one per
 * store because a changeset describes one tree. A plan with one store writes {@code FILE} itself; with several,
 * {@code FILE} with the store's name before the extension ({@code ops.cs} gives {@code ops.auth.cs},
 * {@code ops.bank.cs}). Sets and deletes are written in the order they were applied, gets are not (the format has no
 * reads), and each version ends with a {@code commit} line carrying the root hash the engine saved, so a replay
 * checks every version; a dry run writes bare {@code commit} lines. Not thread-safe.
 */
public final class ChangesetFiles implements AutoCloseable {
    private static final ChangesetFiles NONE = new ChangesetFiles(List.of());

    private final List<ChangesetWriter> writers;

    private ChangesetFiles(final List<ChangesetWriter> writers) {
        this.writers = writers;
    }

    /** Writers for {@code file} (none when null), truncating what is there. */
    static ChangesetFiles open(final Path file, final Plan plan) throws IOException {
        if (file == null) {
            return NONE;
        }
        final List<ChangesetWriter> writers = new ArrayList<>();
        try {
            for (final Path path : pathsFor(file, plan)) {
                final ChangesetWriter writer = new ChangesetWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
                writers.add(writer);
                writer.comment("mbench simulate plan " + plan.name() + " seed " + plan.seed());
            }
        } catch (final IOException | RuntimeException e) {
            new ChangesetFiles(writers).close();
            throw e;
        }
        return new ChangesetFiles(writers);
    }

    /** The file of each store, in plan order. */
    public static List<Path> pathsFor(final Path file, final Plan plan) {
        if (plan.stores().size() == 1) {
            return List.of(file);
        }
        final String name = file.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        final String stem = dot > 0 ? name.substring(0, dot) : name;
        final String extension = dot > 0 ? name.substring(dot) : "";
        final List<Path> paths = new ArrayList<>();
        for (final Plan.Store store : plan.stores()) {
            paths.add(file.resolveSibling(stem + "." + store.name() + extension));
        }
        return paths;
    }

    /** The version's sets and deletes, then a commit per store ({@code rootHashes} null: without hashes). */
    void version(final VersionOperations operations, final byte[][] rootHashes) {
        if (writers.isEmpty()) {
            return;
        }
        for (int i = 0; i < operations.count(); i++) {
            final ChangesetWriter writer = writers.get(operations.store(i));
            switch (operations.kind(i)) {
                case VersionOperations.INSERT, VersionOperations.UPDATE -> writer.set(operations.key(i), operations.value(i));
                case VersionOperations.DELETE -> writer.delete(operations.key(i));
                default -> {
                }
            }
        }
        for (int store = 0; store < writers.size(); store++) {
            writers.get(store).commit(rootHashes == null ? null : rootHashes[store]);
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (final ChangesetWriter writer : writers) {
            try {
                writer.close();
            } catch (final IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

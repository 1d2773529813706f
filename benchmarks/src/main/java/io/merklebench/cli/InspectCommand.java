package io.merklebench.cli;

import io.merklebench.core.Bytes;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code mbench inspect}: what a store directory holds, opened read-only as its identity says. One {@code name:
 * value} line per fact, so scripts can pick one with grep.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
        "Show what a store directory holds: store kind, engine, saved versions, last version and root hash, keys,"
            + " files and bytes on disk. Opens the store read-only as its merklebench.identity says (no --store or"
            + " --engine); writes nothing to the directory (how, per store, is printed as 'opened').",
        "A directory without merklebench.identity is refused (the mem store keeps nothing on disk). Exit 0, or 1"
            + " when the directory cannot be opened (not a store, damaged, open for writing elsewhere)."
    },
    footer = {"", "Example: mbench replay FILE --engine heap --store lmdb --dir /tmp/s && mbench inspect --dir /tmp/s"})
final class InspectCommand implements Callable<Integer> {
    @Mixin
    private StoreDirectoryOptions storeDirectoryOptions;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final ReadOnlyStoreDirectory store = storeDirectoryOptions.storeDirectory();
        final String hashScheme = Registry.engine(store.identity().engine()).hashScheme();
        try (MerkleTree tree = storeDirectoryOptions.openTree(store)) {
            final long[] versions = tree.savedVersions();
            out.println("directory: " + store.directory());
            out.println("store: " + store.identity().store());
            out.println("engine: " + store.identity().engine());
            out.println("hash scheme: " + hashScheme);
            out.println("created: " + store.identity().created() + " by merkle-bench " + store.identity().toolkit());
            out.println("versions: " + versions.length + (versions.length == 0 ? "" : " saved (" + ranges(versions) + ")"));
            if (versions.length > 0) {
                out.println("last version: " + tree.lastSavedVersion());
                out.println("last root: " + Bytes.toHex(tree.rootHash())
                    + (TreeEngine.HASH_SCHEME_NONE.equals(hashScheme) ? " (hash scheme none: a constant, not a hash)" : ""));
                out.println("keys: " + tree.size());
            }
            final String recoveryNote = tree.store().recoveryNote();
            if (recoveryNote != null) {
                out.println("warning: " + recoveryNote);
            }
        }
        out.println("files: " + fileSummary(store.directory()));
        out.println("opened: read-only, " + store.readOnlyMethod());
        return 0;
    }

    /** {@code 1-7}, {@code 1, 3-5, 9}: saved versions as ascending runs. */
    static String ranges(final long[] versions) {
        final StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < versions.length) {
            int end = i;
            while (end + 1 < versions.length && versions[end + 1] == versions[end] + 1) {
                end++;
            }
            text.append(text.length() == 0 ? "" : ", ").append(versions[i]);
            if (end > i) {
                text.append('-').append(versions[end]);
            }
            i = end + 1;
        }
        return text.toString();
    }

    /** {@code 5 files, 1052672 bytes (largest: data.mdb 1048576)}: what the store occupies, from a listing. */
    private static String fileSummary(final Path directory) {
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (final IOException | UncheckedIOException e) {
            return "could not be listed (" + e.getMessage() + ")";
        }
        long total = 0;
        Path largest = null;
        for (final Path file : files) {
            final long length = file.toFile().length();
            total += length;
            if (largest == null || length > largest.toFile().length()) {
                largest = file;
            }
        }
        return files.size() + " files, " + total + " bytes" + (largest == null ? ""
            : " (largest: " + directory.relativize(largest) + " " + largest.toFile().length() + ")");
    }
}

package io.merklebench.cli;

import io.merklebench.analysis.cli.UserErrors;
import io.merklebench.core.Bytes;
import io.merklebench.core.changeset.ChangesetReader;
import io.merklebench.core.changeset.Replayer;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeEngine;
import io.merklebench.core.tree.TreeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code mbench replay}: applies a changeset to an engine on a store and prints each saved version's root hash. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Apply a changeset (set/delete/commit lines) to a tree and print '<version> <root-hex>' for every commit.",
        "A commit line with an expected hash is checked before saving; the first mismatch exits 1 naming the line"
            + " and both hashes. A malformed line exits 1 with its line number; nothing after it is applied."
    },
    footer = {"", "Example: mbench replay core/src/test/resources/vectors/iavl-memiavl-seq.cs --engine heap --store mem"})
final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "changeset file: 'set <key-hex> <value-hex>',"
        + " 'delete <key-hex>', 'commit [<expected-root-hex>]' per line; '#' comments and blank lines ignored")
    private Path changesetFile;

    @Option(names = "--engine", defaultValue = "heap", paramLabel = "ENGINE",
        description = "tree engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
        completionCandidates = EngineNames.class)
    private String engineName;

    @Option(names = "--store", defaultValue = "mem", paramLabel = "STORE",
        description = "store: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); pagefile with the paged engines"
            + " only ('mbench stores --engine E' lists what engine E accepts)",
        completionCandidates = StoreNames.class)
    private String storeName;

    @Option(names = "--dir", paramLabel = "DIR", description = "store directory; an existing tree there is reopened"
        + " and the changeset continues from its last version (default: a temporary directory, deleted afterwards)")
    private Path directory;

    @Option(names = "--initial-version", defaultValue = "1", paramLabel = "N",
        description = "number of the first saved version of a new tree (default: ${DEFAULT-VALUE})")
    private long initialVersion;

    @Option(names = "--store-options", defaultValue = "", paramLabel = "NAME=VALUE,...",
        description = "store-specific settings, e.g. compression=none")
    private String storeOptions;

    @Option(names = "--no-sync", description = "save without syncing to the device (durable saves are the default)")
    private boolean noSync;

    @Option(names = "--check-nodes", negatable = true, paramLabel = "BOOLEAN",
        description = "check (or with --no-check-nodes, do not check) each node read back from the store against the"
            + " hash its parent holds (default: the engine's choice: heap, array and mpt check, paged15 and paged31"
            + " do not, for what it costs them; see docs/damage.md)")
    private Boolean checkNodes;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter out = spec.commandLine().getOut();
        final Path file = changesetFile.toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new UserErrors.UserException("changeset file not found: " + file);
        }
        final StoreFactory storeFactory = Registry.store(storeName);
        // Before any directory is made: heap or array on pagefile is refused with the stores they can use.
        Registry.requireUsable(engineName, storeName);
        TreeOptions treeOptions = TreeOptions.DEFAULTS.withInitialVersion(initialVersion).withDurable(!noSync);
        if (checkNodes != null) {
            treeOptions = treeOptions.withCheckNodes(checkNodes);
        }
        final StoreOptions parsedStoreOptions = StoreOptions.parse(storeOptions);
        final boolean temporary = directory == null;
        final Path storeDirectory = temporary
            ? Files.createTempDirectory("mbench-replay-")
            : checkedStoreDirectory(directory);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             ChangesetReader changeset = new ChangesetReader(reader, file.toString());
             MerkleTree tree = Registry.openTree(engineName, storeName, storeDirectory, parsedStoreOptions, treeOptions)) {
            if (TreeEngine.HASH_SCHEME_NONE.equals(Registry.engine(engineName).hashScheme())) {
                spec.commandLine().getErr().println("replay: engine " + engineName + " has no root hash (hash scheme"
                    + " none): the roots printed are its constant " + Bytes.toHex(tree.rootHash()));
            }
            final Replayer replayer = new Replayer(tree);
            final long saved = replayer.replay(changeset, (version, rootHash, lineNumber) -> {
                out.println(version + " " + Bytes.toHex(rootHash));
                out.flush();
            });
            if (replayer.uncommittedOperations() > 0) {
                spec.commandLine().getErr().println("replay: warning: the last " + replayer.uncommittedOperations()
                    + " operations of " + file + " are not followed by a commit line, so they were applied but not"
                    + " saved");
            } else if (saved == 0) {
                spec.commandLine().getErr().println("replay: warning: " + file + " holds no operations; nothing was"
                    + " saved");
            }
        } finally {
            if (temporary) {
                storeFactory.destroy(storeDirectory);
            }
        }
        return 0;
    }

    /**
     * The store directory, checked but not created: the store's first open creates it, and takes it back if the
     * open fails (a bad store option leaves no empty directory behind).
     */
    private static Path checkedStoreDirectory(final Path directory) {
        Directories.checkUsable(directory, "store directory");
        return directory.toAbsolutePath().normalize();
    }
}

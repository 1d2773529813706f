package io.merklebench.cli;

import io.merklebench.core.Bytes;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeEngine;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.verify.StateVerifier;
import io.merklebench.core.verify.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code mbench verify}: checks one saved version of a store, read-only, node by node, and exits 1 naming the first
 * damage. What it can check depends on the engine ({@link StateVerifier}): the IAVL engines walk every node
 * (hashes, AVL invariants, sizes, key order), {@code mpt} rehashes every trie node, {@code flat} has no tree and
 * reads every entry. Damage is a {@link StoreException}, so it ends as one line on stderr.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
        "Check one saved version of a store, read-only: walk every node, recompute every hash, check the AVL"
            + " invariants (heights, balance), sizes, key order and node versions; print what was checked and 'ok',"
            + " or the first damage with its place (node path from the root: L/R steps, key, version, height).",
        "What is checked depends on the engine: heap, array, paged15, paged31 (iavl-v1) as above; mpt rehashes every"
            + " trie node and counts its keys; flat has no Merkle tree and only reads every entry.",
        "Opens the store as its merklebench.identity says and writes nothing to the directory. Exit 0 healthy, 1"
            + " damage or an error (one line on stderr), 2 usage. Progress goes to stderr on large stores."
    },
    footer = {"", "Example: mbench verify --dir /tmp/s --version 5"})
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    private StoreDirectoryOptions storeDirectoryOptions;

    @Option(names = "--version", paramLabel = "V",
        description = "the saved version to check (default: the last saved one; 'mbench inspect' lists them)")
    private Long version;

    @Option(names = "--progress-every", defaultValue = "2", paramLabel = "SECONDS",
        description = "print nodes checked so far to stderr at most every SECONDS (decimals allowed; 0: never;"
            + " default: ${DEFAULT-VALUE}); a store checked within the first interval prints none")
    private double progressSeconds;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final ReadOnlyStoreDirectory store = storeDirectoryOptions.storeDirectory();
        final TreeEngine engine = Registry.engine(store.identity().engine());
        try (MerkleTree tree = storeDirectoryOptions.openTree(store)) {
            if (tree.savedVersions().length == 0) {
                throw new StoreException(store.describe() + " holds no saved version: nothing to verify");
            }
            final long checkedVersion = version == null ? tree.lastSavedVersion() : version;
            final TreeView view;
            final VerifyResult result;
            try {
                view = tree.view(checkedVersion);
                result = StateVerifier.verify(view, new VerifyProgressPrinter(spec.commandLine().getErr(),
                    TreeEngine.HASH_SCHEME_NONE.equals(engine.hashScheme()) ? "entries" : "nodes",
                    (long)(progressSeconds * 1e9)));
            } catch (final IllegalArgumentException | IllegalStateException | StoreException e) {
                throw e; // worded for the user already: an unknown version, or damage the engine or store named
            } catch (final RuntimeException e) {
                // Every engine reports damage it reads as a result; anything else thrown is still not "ok".
                throw new StoreException("version " + checkedVersion + " of " + store.describe() + " could not be"
                    + " verified: " + e);
            }
            out.println("verify: " + store.describe() + " version=" + checkedVersion + " (saved: "
                + InspectCommand.ranges(tree.savedVersions()) + "), opened read-only, " + store.readOnlyMethod());
            out.println("checked: " + result.checks());
            if (!result.healthy()) {
                out.flush();
                throw new StoreException("damage in version " + checkedVersion + " of " + store.describe() + ": "
                    + result.damage() + " (after " + result.checked() + " " + result.unit() + " checked)");
            }
            final String recoveryNote = tree.store().recoveryNote();
            if (recoveryNote != null) {
                // The versions left are fine, but the store is not as its last writer left it (or says it was).
                out.flush();
                throw new StoreException("version " + checkedVersion + " of " + store.describe() + " checked without"
                    + " damage (" + result.checked() + " " + result.unit() + "), but " + recoveryNote
                    + "; not reported as healthy");
            }
            out.println("ok: " + result.checked() + " " + result.unit() + " checked, version " + checkedVersion
                + " root " + Bytes.toHex(view.rootHash())
                + (TreeEngine.HASH_SCHEME_NONE.equals(engine.hashScheme()) ? " (hash scheme none: a constant)" : ""));
        }
        return 0;
    }
}

package io.merklebench.core.conformance.tree;

import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeReader;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.tree.WorkingTree;
import org.junit.jupiter.api.function.Executable;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every method of a closed tree, of a working copy and of a saved view made before the close, for
 * {@link TreeContractTest}: each must throw {@link IllegalStateException} whose message names the engine and says
 * "closed". The calls are listed by interface method name, and {@link #check} first proves the lists name every
 * method of {@link MerkleTree}, {@link WorkingTree}, {@link TreeReader} and {@link TreeView}, so a method added later
 * cannot skip the check unnoticed.
 *
 * <p>Only {@code engine()}, {@code store()}, {@code usesFastIndex()} and {@code close()} keep working on a closed
 * tree: the first three are labels (results name what ran after the tree is gone), and closing again is a no-op.
 */
final class UseAfterClose {
    /** MerkleTree methods a closed tree still answers: labels of what ran, and close. */
    private static final Set<String> ANSWERED_WHEN_CLOSED = Set.of("engine", "store", "usesFastIndex", "close");
    private static final byte[] KEY = "hello".getBytes(UTF_8);
    private static final byte[] VALUE = "world".getBytes(UTF_8);

    private UseAfterClose() {
    }

    /**
     * @param tree   a tree with versions 1 and 2 saved, open until this call closes it
     * @param engine the engine's registry name, which every message must carry
     */
    static void check(final MerkleTree tree, final String engine) {
        final WorkingTree copy = tree.workingCopy();
        final TreeView view = tree.view(1);
        final Map<String, Executable> treeCalls = workingTreeCalls(tree);
        treeCalls.put("lastSavedVersion", tree::lastSavedVersion);
        treeCalls.put("save", tree::save);
        treeCalls.put("rollback", tree::rollback);
        treeCalls.put("view", () -> tree.view(2));
        treeCalls.put("workingCopy", tree::workingCopy);
        treeCalls.put("savedVersions", tree::savedVersions);
        treeCalls.put("deleteVersion", () -> tree.deleteVersion(1));
        treeCalls.put("fastIndexBytes", tree::fastIndexBytes);
        final Map<String, Executable> copyCalls = workingTreeCalls(copy);
        final Map<String, Executable> viewCalls = readerCalls(view);
        requireEveryMethod(MerkleTree.class, treeCalls.keySet(), ANSWERED_WHEN_CLOSED);
        requireEveryMethod(WorkingTree.class, copyCalls.keySet(), Set.of());
        requireEveryMethod(TreeView.class, viewCalls.keySet(), Set.of());

        tree.close();
        final List<Executable> checks = new ArrayList<>();
        addClosedChecks(checks, "tree", treeCalls, engine);
        addClosedChecks(checks, "working copy", copyCalls, engine);
        addClosedChecks(checks, "view of version 1", viewCalls, engine);
        assertAll(engine + ": calls after close", checks);
        tree.close();
        assertEquals(engine, tree.engine(), "engine() of a closed tree");
        assertTrue(tree.store() != null, "store() of a closed tree");
    }

    private static Map<String, Executable> readerCalls(final TreeReader state) {
        final Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("version", state::version);
        calls.put("get", () -> state.get(KEY));
        calls.put("size", state::size);
        calls.put("rootHash", state::rootHash);
        calls.put("iterate", () -> state.iterate(null, null, (key, value) -> true));
        calls.put("root", state::root);
        return calls;
    }

    private static Map<String, Executable> workingTreeCalls(final WorkingTree state) {
        final Map<String, Executable> calls = readerCalls(state);
        calls.put("set", () -> state.set(KEY, VALUE));
        calls.put("remove", () -> state.remove(KEY));
        return calls;
    }

    /** One check per call, so a failure lists every call that did not refuse, not only the first. */
    private static void addClosedChecks(final List<Executable> checks, final String what,
                                        final Map<String, Executable> calls, final String engine) {
        for (final Map.Entry<String, Executable> call : calls.entrySet()) {
            final String context = engine + " " + what + "." + call.getKey() + "() after close";
            checks.add(() -> {
                final IllegalStateException error = assertThrows(IllegalStateException.class, call.getValue(), context);
                final String message = String.valueOf(error.getMessage());
                assertTrue(message.contains(engine) && message.contains("closed"),
                    context + ": the message should name the engine and say closed: " + message);
            });
        }
    }

    private static void requireEveryMethod(final Class<?> type, final Set<String> called, final Set<String> exempt) {
        final Set<String> missing = new TreeSet<>();
        Arrays.stream(type.getMethods()).map(Method::getName)
            .filter(name -> !called.contains(name) && !exempt.contains(name)).forEach(missing::add);
        assertTrue(missing.isEmpty(), "UseAfterClose does not call " + type.getSimpleName() + "." + missing
            + " after close: add it to the lists");
    }
}

package io.merklebench.mpt;

import kotlin.ResultKt;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.coroutines.intrinsics.IntrinsicsKt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Calls one of Tuweni's Kotlin {@code suspend} functions from Java and waits for its result. Most calls never suspend
 * (our {@link MptPendingNodes} answers at once), and then the result comes back on the calling thread with no
 * dispatch at all. A call suspends only where Tuweni itself dispatches: a {@code StoredNode} not yet in memory is
 * loaded in a lazy {@code async} on {@code Dispatchers.IO}, so the rest of that call runs on an IO thread while this
 * one waits. That hop is Tuweni's cost and is measured as such. (Tuweni's own {@code getAsync} and
 * {@code runBlocking} would add a dispatch or an event loop to every call.)
 *
 * <p>One instance per call; not reusable.
 */
final class SuspendingCall<T> implements Continuation<T> {
    private final CompletableFuture<T> outcome = new CompletableFuture<>();

    private SuspendingCall() {
    }

    /** Runs {@code call} with a continuation and returns its result, waiting when it suspended. */
    @SuppressWarnings("unchecked")
    static <T> T await(final Function<Continuation<? super T>, Object> call) {
        final SuspendingCall<T> continuation = new SuspendingCall<>();
        final Object immediate = call.apply(continuation);
        if (immediate != IntrinsicsKt.getCOROUTINE_SUSPENDED()) {
            return (T) immediate;
        }
        try {
            return continuation.outcome.join();
        } catch (final CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public CoroutineContext getContext() {
        return EmptyCoroutineContext.INSTANCE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void resumeWith(final Object result) {
        try {
            ResultKt.throwOnFailure(result);
            outcome.complete((T) result);
        } catch (final Throwable failure) {
            outcome.completeExceptionally(failure);
        }
    }
}

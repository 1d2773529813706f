package io.merklebench.cli;

import io.merklebench.core.registry.Registry;

import java.util.Iterator;

/** Store names for picocli's help text and completion. */
public final class StoreNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Registry.storeNames().iterator();
    }
}

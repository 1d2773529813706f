package io.merklebench.cli;

import io.merklebench.core.registry.Registry;

import java.util.Iterator;

/** Engine names for picocli's help text and completion. */
public final class EngineNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Registry.engineNames().iterator();
    }
}

package io.merklebench.analysis.cli;

import picocli.CommandLine;

/** The toolkit version from the jar manifest (or "development" when run from classes). */
public final class ToolkitVersion implements CommandLine.IVersionProvider {
    public static String version() {
        final String version = ToolkitVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"merkle-bench " + version(), "JVM: " + System.getProperty("java.vm.name") + " "
            + Runtime.version()};
    }
}

package io.merklebench.run;

import io.merklebench.hostinfo.EnvironmentFacts;
import io.merklebench.hostinfo.HostFacts;
import io.merklebench.results.HostProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunHostPropertiesTest {
    @TempDir
    Path root;

    @Test
    void shouldRecordTheEnvironmentAndItsWarnings() {
        final HostProperties host = new HostProperties();
        final EnvironmentFacts environment = new EnvironmentFacts("powersave", "on", "madvise", "madvise",
            "0.10 0.20 0.30", "0", "ext4", "/dev/vda", 2);

        RunHostProperties.putEnvironment(host, environment);

        assertEquals("powersave", host.get(HostProperties.CPU_GOVERNOR));
        assertEquals("on", host.get(HostProperties.CPU_BOOST));
        assertEquals("madvise", host.get(HostProperties.THP_ENABLED));
        assertEquals("madvise", host.get(HostProperties.THP_DEFRAG));
        assertEquals("0.10 0.20 0.30", host.get(HostProperties.LOAD_AT_START));
        assertEquals("0.10 0.20 0.30", host.get(HostProperties.LOAD_AT_END), "until a case finishes");
        assertEquals("0", host.get(HostProperties.SWAP_USED_BYTES));
        assertEquals(String.join("; ", environment.warnings()), host.get(HostProperties.RUN_WARNINGS));
        assertEquals(2, environment.warnings().size(), environment.warnings().toString());
    }

    @Test
    void shouldRecordTheLoadAtTheEndOrUnknown() throws IOException {
        final HostProperties host = new HostProperties();
        RunHostProperties.putLoadAtEnd(host, new HostFacts(root));
        assertEquals(HostFacts.UNKNOWN, host.get(HostProperties.LOAD_AT_END));

        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/loadavg"), "2.00 1.00 0.50 3/120 999\n");
        RunHostProperties.putLoadAtEnd(host, new HostFacts(root));
        assertEquals("2.00 1.00 0.50", host.get(HostProperties.LOAD_AT_END));
    }
}

package io.merklebench.results;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostHardwareTest {
    private static HostHardware hardware(final String cpu, final String cores, final String memory) {
        return HostHardware.of(HostProperties.of(Map.of(HostProperties.CPU_MODEL, cpu, HostProperties.CPU_CORES, cores,
            HostProperties.MEMORY_BYTES, memory)));
    }

    @Test
    void shouldTellAnAmdHostFromAnIntelHostUnderOneLabel() {
        final HostHardware amd = hardware("AMD EPYC", "2", "25276063744");
        final HostHardware intel = hardware("Intel(R) Xeon(R) Processor", "2", "25276063744");
        assertFalse(amd.sameMachineAs(intel));
        assertTrue(amd.sameMachineAs(hardware("AMD EPYC", "2", "25270000000")), "a few MiB of MemTotal is one machine");
        assertFalse(amd.sameMachineAs(hardware("AMD EPYC", "4", "25276063744")));
        assertFalse(amd.sameMachineAs(hardware("AMD EPYC", "2", "16000000000")));
    }

    @Test
    void shouldNotCountAFactAnOldRunLacksAsADifference() {
        final HostHardware old = HostHardware.of(HostProperties.of(Map.of(HostProperties.CPU_MODEL, "AMD EPYC")));
        assertTrue(old.sameMachineAs(hardware("AMD EPYC", "2", "25276063744")));
        assertEquals(HostHardware.UNKNOWN, old.cpuCores());
    }

    @Test
    void shouldSuggestALabelNamingTheHardware() {
        assertEquals("vm-intel-xeon-2c-24g", hardware("Intel(R) Xeon(R) Processor", "2", "25276063744")
            .suggestLabel("vm"));
        assertEquals("vm-amd-epyc-2c-24g", hardware("AMD EPYC", "2", "25276063744").suggestLabel("vm"));
        assertEquals("AMD EPYC, 2 cores, 23.5 GiB", hardware("AMD EPYC", "2", "25276063744").describe());
    }
}

package io.merklebench.run.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProfilerSetupTest {
    private static final List<ProfilerEvent> CPU_ALLOC = List.of(ProfilerEvent.CPU, ProfilerEvent.ALLOC);

    @TempDir
    Path work;

    @Test
    void shouldFindTheLibraryOfEachPlatformAsyncProfilerShips() {
        assertEquals("linux-x64/libasyncProfiler.so", ProfilerSetup.libraryResource("Linux", "amd64"));
        assertEquals("linux-arm64/libasyncProfiler.so", ProfilerSetup.libraryResource("Linux", "aarch64"));
        assertEquals("macos/libasyncProfiler.so", ProfilerSetup.libraryResource("Mac OS X", "aarch64"));
        assertEquals(null, ProfilerSetup.libraryResource("Windows 11", "amd64"));
        assertEquals(null, ProfilerSetup.libraryResource("Linux", "riscv64"));
    }

    @Test
    void shouldFallBackToJfrWhenThePlatformHasNoLibrary() {
        final ProfilerSetup setup = ProfilerSetup.prepare(CPU_ALLOC, work, null);
        assertEquals(ProfilerSetup.Method.JFR, setup.method());
        assertTrue(setup.description().startsWith("JFR (the JDK's Flight Recorder, settings 'profile'), because"
            + " async-profiler has no library for "), setup.description());
    }

    @Test
    void shouldFallBackToJfrWhenTheLibraryIsMissingFromTheClassPath() {
        final ProfilerSetup setup = ProfilerSetup.prepare(CPU_ALLOC, work, "nosuch/libasyncProfiler.so");
        assertEquals(ProfilerSetup.Method.JFR, setup.method());
        assertTrue(setup.description().endsWith("because async-profiler's library nosuch/libasyncProfiler.so is not"
            + " on the class path"), setup.description());
    }

    @Test
    void shouldFallBackToJfrWhenTheLibraryDoesNotLoad() {
        // A class-path resource that is no shared library: loading it fails as a foreign or broken library would.
        final ProfilerSetup setup = ProfilerSetup.prepare(CPU_ALLOC, work.resolve("lib"),
            "io/merklebench/run/profile/not-a-library.so");
        assertEquals(ProfilerSetup.Method.JFR, setup.method());
        assertTrue(setup.description().contains("because async-profiler's library does not load here ("),
            setup.description());
    }

    @Test
    void shouldSayThatJfrHasNoWallClock() {
        final ProfilerSetup setup = ProfilerSetup.prepare(List.of(ProfilerEvent.WALL), work, null);
        assertTrue(setup.description().endsWith("; JFR has no wall clock: wall shows its execution samples (running"
            + " threads only)"), setup.description());
    }

    @Test
    void shouldLoadAsyncProfilerHereAndRecordEveryEventInOneRecording() {
        final String resource = ProfilerSetup.libraryResource(System.getProperty("os.name"),
            System.getProperty("os.arch"));
        assumeTrue(resource != null && resource.startsWith("linux"), "async-profiler is tried on Linux only here");
        final ProfilerSetup setup = ProfilerSetup.prepare(List.of(ProfilerEvent.CPU, ProfilerEvent.ALLOC,
            ProfilerEvent.LOCK), work, resource);
        assertEquals(ProfilerSetup.Method.ASYNC_PROFILER, setup.method(), setup.description());
        assertTrue(setup.description().startsWith("async-profiler 4."), setup.description());
        final String options = setup.asyncProfilerOptions("/tmp/fork-1");
        assertTrue(options.matches("\\S+/libasyncProfiler\\.so\\|event=(cpu|itimer),alloc=512k,lock=10000,"
            + "file=/tmp/fork-1/profile\\.jfr"), options);
        assertTrue(ProfilerSetup.prepare(List.of(ProfilerEvent.ALLOC, ProfilerEvent.LOCK), work, resource)
            .asyncProfilerOptions("/d").matches("\\S+\\|event=alloc,alloc=512k,lock=10000,file=/d/profile\\.jfr"));
        assertTrue(ProfilerSetup.prepare(List.of(ProfilerEvent.WALL), work, resource)
            .asyncProfilerOptions("/d").matches("\\S+\\|event=wall,file=/d/profile\\.jfr"));
    }
}

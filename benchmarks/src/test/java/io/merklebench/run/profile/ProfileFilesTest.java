package io.merklebench.run.profile;

import io.merklebench.results.ProfileTopCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileFilesTest {
    private static final String CASE = "query.hit engine=heap store=mem size=10000";

    @TempDir
    Path caseDirectory;

    @Test
    void shouldRankFramesBySelfAndCountARecursiveFrameOncePerStack() {
        final Map<String, Long> stacks = new LinkedHashMap<>();
        stacks.put("main_[j];Tree.get_[j];Node.find_[j];Node.find_[j]", 60L);
        stacks.put("main_[j];Tree.get_[j];Sha256.hash_[j]", 30L);
        stacks.put("main_[j];Tree.get_[j]", 10L);

        final List<ProfileTopCsv.Row> top = ProfileFiles.topFrames(CASE, "cpu", stacks, 2);

        assertEquals(List.of(new ProfileTopCsv.Row(CASE, "cpu", "Node.find", 60.0, 60.0),
            new ProfileTopCsv.Row(CASE, "cpu", "Sha256.hash", 30.0, 30.0)), top);
        final ProfileTopCsv.Row get = ProfileFiles.topFrames(CASE, "cpu", stacks, 3).get(2);
        assertEquals(new ProfileTopCsv.Row(CASE, "cpu", "Tree.get", 10.0, 100.0), get);
    }

    @Test
    void shouldStripTheConvertersFrameTypeSuffixOnly() {
        assertEquals("io/merklebench/heap/HeapTree.get", ProfileFiles.frameName("io/merklebench/heap/HeapTree.get_[j]"));
        assertEquals("do_anonymous_page", ProfileFiles.frameName("do_anonymous_page_[k]"));
        assertEquals("byte[]", ProfileFiles.frameName("byte[]_[i]"));
        assertEquals("plain_name", ProfileFiles.frameName("plain_name"));
    }

    @Test
    void shouldSumTheForksIntoOneFlameGraphPerEventAndRemoveTheForkFolders() throws IOException {
        writeForkStacks(1, "cpu", "main;Tree.get;Node.find 3\nmain;Tree.get 1\n");
        writeForkStacks(2, "cpu", "main;Tree.get;Node.find 5\n");
        writeForkStacks(1, "alloc", "main;Tree.set;byte[] 4096\n");
        writeForkStacks(2, "alloc", "main;Tree.set;byte[] 1024\n");

        final List<ProfileTopCsv.Row> top = ProfileFiles.finishCase(caseDirectory, CASE,
            List.of(ProfilerEvent.CPU, ProfilerEvent.ALLOC));

        assertEquals("main;Tree.get;Node.find 8\nmain;Tree.get 1\n",
            Files.readString(caseDirectory.resolve("cpu.collapsed")));
        assertEquals("main;Tree.set;byte[] 5120\n", Files.readString(caseDirectory.resolve("alloc.collapsed")));
        for (final String event : List.of("cpu", "alloc")) {
            final String html = Files.readString(caseDirectory.resolve(event + ".html"), StandardCharsets.UTF_8);
            assertTrue(html.contains("<html") && html.contains(CASE + " (" + event + ", 2 forks)"), event);
        }
        assertFalse(Files.exists(ProfileFiles.forkDirectory(caseDirectory, 1)), "fork folders removed");
        assertEquals(new ProfileTopCsv.Row(CASE, "cpu", "Node.find", 88.89, 88.89), top.get(0));
        assertEquals(new ProfileTopCsv.Row(CASE, "alloc", "byte[]", 100.0, 100.0), top.get(2));
    }

    @Test
    void shouldRefuseAForkThatLeftNoRecording() throws IOException {
        final Path fork = Files.createDirectories(ProfileFiles.forkDirectory(caseDirectory, 1));
        final IOException failure = assertThrows(IOException.class,
            () -> ProfileFiles.collapseFork(fork, List.of(ProfilerEvent.CPU)));
        assertEquals("the profiler left no recording in " + fork, failure.getMessage());
    }

    @Test
    void shouldNameTheFileOfAMalformedCollapsedLine() throws IOException {
        final Path file = caseDirectory.resolve("bad.collapsed");
        Files.writeString(file, "main;Tree.get\n");
        final IOException failure = assertThrows(IOException.class,
            () -> ProfileFiles.addCollapsed(file, new LinkedHashMap<>()));
        assertEquals("not a collapsed stack line in " + file + ": main;Tree.get", failure.getMessage());
    }

    private void writeForkStacks(final int fork, final String event, final String stacks) throws IOException {
        final Path directory = Files.createDirectories(ProfileFiles.forkDirectory(caseDirectory, fork));
        Files.writeString(directory.resolve(event + ".collapsed"), stacks);
    }
}

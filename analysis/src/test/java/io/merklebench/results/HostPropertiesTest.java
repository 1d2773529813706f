package io.merklebench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HostPropertiesTest {
    @TempDir
    Path directory;

    @Test
    void shouldWriteKnownKeysInOrderThenOthersSorted() throws IOException {
        final HostProperties host = new HostProperties()
            .put("zeta.extra", "1")
            .put(HostProperties.GIT_COMMIT, "abc123")
            .put("alpha.extra", "2")
            .put(HostProperties.LABEL, "vm-a")
            .put(HostProperties.CPU_CORES, "2");
        final Path file = directory.resolve(HostProperties.FILE_NAME);
        host.write(file);
        assertEquals(List.of("label=vm-a", "cpu.cores=2", "git.commit=abc123", "alpha.extra=2", "zeta.extra=1"),
            Files.readAllLines(file));
        assertEquals(List.of("label", "cpu.cores", "git.commit", "alpha.extra", "zeta.extra"),
            List.copyOf(HostProperties.read(file).asMap().keySet()));
    }

    @Test
    void shouldBeReadableByJavaUtilPropertiesIncludingSpecialCharacters() throws IOException {
        final HostProperties host = new HostProperties()
            .put(HostProperties.LABEL, "vm-ä")
            .put(HostProperties.JVM_FLAGS, " -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED #x !y")
            .put(HostProperties.FS_MOUNT_OPTIONS, "rw,relatime\tnoatime\\z")
            .put("key with spaces:and=colon", "multi\nline");
        final Path file = directory.resolve(HostProperties.FILE_NAME);
        host.write(file);
        final Properties properties = new Properties();
        try (InputStream input = Files.newInputStream(file)) {
            properties.load(input); // ISO-8859-1: works because the file is pure ASCII with \\u escapes
        }
        for (final var entry : host.asMap().entrySet()) {
            assertEquals(entry.getValue(), properties.getProperty(entry.getKey()), entry.getKey());
        }
        assertEquals(host, HostProperties.read(file));
    }

    @Test
    void shouldWriteSameBytesForSameContent() throws IOException {
        final Path first = directory.resolve("a.properties");
        final Path second = directory.resolve("b.properties");
        new HostProperties().put("b", "2").put("a", "1").put(HostProperties.OS, "linux").write(first);
        new HostProperties().put(HostProperties.OS, "linux").put("a", "1").put("b", "2").write(second);
        assertEquals(Files.readString(first), Files.readString(second));
    }

    @Test
    void shouldTellAStoppedRunFromAFinishedOneAndTakeOldRunsAsFinished() {
        final HostProperties stopped = new HostProperties().put(HostProperties.RUN_FORKS_DONE, "72")
            .put(HostProperties.RUN_FORKS_PLANNED, "108");
        assertEquals(Optional.of("stopped after 72 of 108 forks"), stopped.stoppedEarly());
        assertEquals(Optional.empty(), stopped.put(HostProperties.RUN_FORKS_DONE, "108").stoppedEarly());
        assertEquals(Optional.empty(), new HostProperties().stoppedEarly(), "recorded before the keys existed");
    }

    @Test
    void shouldRejectLabelWithPathSeparator() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new HostProperties().put(HostProperties.LABEL, "vm/a"));
        assertEquals("host label must not contain a path separator '/' or '\\': host label=vm/a", error.getMessage());
    }

    @Test
    void shouldReportMissingFileWithItsPurpose() {
        final Path file = directory.resolve(HostProperties.FILE_NAME);
        final ResultsFormatException error = assertThrows(ResultsFormatException.class,
            () -> HostProperties.read(file));
        assertEquals("host.properties " + file.toAbsolutePath() + ": file not found: a run folder holds the host facts"
            + " written by mbench run", error.getMessage());
    }

    @Test
    void shouldReportMalformedEscapeNamingFile() throws IOException {
        final Path file = directory.resolve(HostProperties.FILE_NAME);
        Files.writeString(file, "label=vm-a\nos=\\u12\n");
        final ResultsFormatException error = assertThrows(ResultsFormatException.class,
            () -> HostProperties.read(file));
        assertEquals(file.toAbsolutePath(), error.file());
    }
}

package io.merklebench.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a fork's failure is told: the benchmark's exception, or the forked JVM's own first line on stderr. */
class CaseRunnerTest {
    private static final String JMH_OUTPUT_OF_A_JVM_THAT_DID_NOT_START = String.join("\n",
        "# Fork: 1 of 1",
        "<forked VM failed with exit code 1>",
        "<stdout last='20 lines'>",
        "</stdout>",
        "<stderr last='20 lines'>",
        "",
        "Unrecognized VM option 'Foo'",
        "Error: Could not create the Java Virtual Machine.",
        "Error: A fatal exception has occurred. Program will exit.",
        "</stderr>",
        "");

    @Test
    void shouldAddTheJvmsFirstStderrLineWhenTheForkedJvmFailed() {
        final RuntimeException failure = new RuntimeException("Benchmark error",
            new IllegalStateException("Forked VM failed with exit code 1"));

        assertEquals("Forked VM failed with exit code 1: Unrecognized VM option 'Foo'",
            CaseRunner.failureMessage(failure, JMH_OUTPUT_OF_A_JVM_THAT_DID_NOT_START));
    }

    @Test
    void shouldKeepJmhsMessageWhenTheForkPrintedNothingOnStderr() {
        final RuntimeException failure = new IllegalStateException("Forked VM failed with exit code 137");

        assertEquals("IllegalStateException: Forked VM failed with exit code 137", CaseRunner.failureMessage(failure,
            "<stderr last='20 lines'>\n</stderr>\n"));
    }

    @Test
    void shouldGiveTheBenchmarksOwnExceptionFirst() {
        final RuntimeException failure = new RuntimeException("Benchmark error during the run");
        failure.addSuppressed(new IllegalArgumentException("blockSize must be between 1 and size: blockSize=100"));

        assertEquals("IllegalArgumentException: blockSize must be between 1 and size: blockSize=100",
            CaseRunner.failureMessage(failure, JMH_OUTPUT_OF_A_JVM_THAT_DID_NOT_START));
    }
}

package io.wimigrate.executor;

/** Thrown by a test handler right after its mutation, before the executor can journal it: a crash, in process. */
final class SimulatedCrash extends Error {

    SimulatedCrash(String step) {
        super("simulated crash after the mutation of " + step);
    }
}

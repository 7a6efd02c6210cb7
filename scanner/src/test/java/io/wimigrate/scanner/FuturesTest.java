package io.wimigrate.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FuturesTest {

    @Test
    void givesTheValueAndRethrowsTheWorksOwnRuntimeException() {
        IllegalStateException failure = new IllegalStateException("no access");

        assertThat(Futures.join(CompletableFuture.supplyAsync(() -> "answer"))).isEqualTo("answer");
        assertThatThrownBy(() -> Futures.join(CompletableFuture.supplyAsync(() -> {
            throw failure;
        }))).isSameAs(failure);
    }

    @Test
    void aCheckedFailureStaysWrapped() {
        assertThatThrownBy(() -> Futures.join(CompletableFuture.failedFuture(new IOException("gone"))))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
    }
}

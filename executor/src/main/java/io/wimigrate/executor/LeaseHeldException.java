package io.wimigrate.executor;

/** Another apply or rollback holds the cluster's lease: the message names the holder and when the lease expires. */
public class LeaseHeldException extends RuntimeException {

    public LeaseHeldException(String message) {
        super(message);
    }
}

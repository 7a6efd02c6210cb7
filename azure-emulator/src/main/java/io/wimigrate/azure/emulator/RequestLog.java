package io.wimigrate.azure.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Every request the emulator served, in completion order. */
public final class RequestLog {
    private final List<RequestRecord> records = new ArrayList<>();

    RequestLog() {
    }

    synchronized void add(RequestRecord record) {
        records.add(record);
    }

    public synchronized List<RequestRecord> all() {
        return List.copyOf(records);
    }

    public synchronized List<RequestRecord> matching(Predicate<RequestRecord> filter) {
        return records.stream().filter(filter).toList();
    }

    public synchronized void clear() {
        records.clear();
    }
}

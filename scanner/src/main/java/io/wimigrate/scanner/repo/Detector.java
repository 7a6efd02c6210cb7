package io.wimigrate.scanner.repo;

/** Finds one kind of dependency on pod identity or service-principal secrets in the files of a repository. */
interface Detector {

    /**
     * A cheap test on the name and text (a token prefilter) that decides whether {@link #detect} runs. It depends on
     * the file alone: the scan calls it on the threads that read files, several at once.
     */
    boolean accepts(RepoFile file);

    void detect(RepoFile file, ScanReport report);

    /**
     * True when {@link #detect} keeps nothing between files and may run on several at once: the scan then runs it on
     * worker threads while the walk goes on (worth it for detectors that parse).
     */
    default boolean concurrent() {
        return false;
    }

    /** Called once after every file was seen, for detectors that relate files to each other. */
    default void finish(ScanReport report) {
    }
}

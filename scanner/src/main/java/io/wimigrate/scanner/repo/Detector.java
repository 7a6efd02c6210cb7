package io.wimigrate.scanner.repo;

/** Finds one kind of dependency on pod identity or service-principal secrets in the files of a repository. */
interface Detector {

    /** A cheap test on the name and text (a token prefilter) that decides whether {@link #detect} runs. */
    boolean accepts(RepoFile file);

    void detect(RepoFile file, ScanReport report);

    /** Called once after every file was seen, for detectors that relate files to each other. */
    default void finish(ScanReport report) {
    }
}

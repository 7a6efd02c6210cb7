package io.wimigrate.cli;

/** The renderings of an inventory {@code -o} accepts. */
enum OutputFormat {
    table, json, yaml, sarif
}

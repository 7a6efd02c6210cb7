package io.wimigrate.scanner.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a file's bytes; a seam so tests can make reading fail where the file system would not. */
@FunctionalInterface
public interface FileContentReader {

    FileContentReader FILE_SYSTEM = Files::readAllBytes;

    byte[] read(Path file) throws IOException;
}

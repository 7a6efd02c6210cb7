package io.wimigrate.scanner.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Where a finding or diagnostic points: an object in a cluster, or a position in a file of a scanned repo or dump. */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(Location.InCluster.class), @JsonSubTypes.Type(Location.InFile.class)})
public sealed interface Location extends Comparable<Location> {

    /** Stable text form, used for ordering, finding ids and messages. */
    @JsonIgnore
    String key();

    @Override
    default int compareTo(Location other) {
        return key().compareTo(other.key());
    }

    /** An object of the cluster (kube context or dump directory) named {@code cluster}. */
    record InCluster(String cluster, ObjectRef object) implements Location {
        @Override
        public String key() {
            return "cluster:" + cluster + ":" + object.display();
        }
    }

    /**
     * A position in a file. {@code root} is the repository or dump directory as given on the command line, {@code path}
     * is relative to it with '/' separators; line and column are 1-based, 0 when the whole file is meant.
     */
    record InFile(String root, String path, int line, int column) implements Location {
        public static InFile wholeFile(String root, String path) {
            return new InFile(root, path, 0, 0);
        }

        @Override
        public String key() {
            return String.format("file:%s/%s:%08d:%05d", root, path, line, column);
        }

        /** {@code path:line:column} as editors and terminals link it. */
        public String display() {
            String file = root + "/" + path;
            return line == 0 ? file : file + ":" + line + ":" + column;
        }
    }
}

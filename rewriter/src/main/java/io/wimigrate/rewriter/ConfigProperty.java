package io.wimigrate.rewriter;

/**
 * One property of a configuration file as it is written (a YAML mapping entry or a .properties line), with the edits
 * that change it in place. {@code key} is the key as written in its place: for YAML the key inside its mapping, whose
 * last dotted segment is the property's own name.
 */
interface ConfigProperty {

    String key();

    String value();

    /** Where the key starts in the file. */
    int offset();

    /** Replaces the whole property with {@code name: value}, keeping the key's dotted prefix as it is written. */
    TextEdit replaceWith(String name, String value);

    /** Removes the property (with its line, when it has the line to itself). */
    TextEdit delete();

    TextEdit replaceValue(String value);

    /** False when other places share the value (a YAML anchor), so that changing it here would change them too. */
    default boolean editable() {
        return true;
    }

    /** The key's dotted prefix as written ({@code "spring.cloud.azure.credential."} or {@code ""}). */
    default String keyPrefix() {
        return key().substring(0, key().lastIndexOf('.') + 1);
    }
}

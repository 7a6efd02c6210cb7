package io.wimigrate.rewriter;

import io.wimigrate.scanner.repo.YamlTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Spring Boot configuration (application*.yml|yaml|properties, profile variants, bootstrap*): every Spring Cloud Azure
 * credential given a client secret or certificate moves to the workload identity (see {@link SpringCredentialBlock});
 * the Azure AD starters' sign-in secrets are noted. Edits are made where the parser found each property, so comments,
 * key order, quoting and the rest of the file stay as they are. A file that does not parse is noted and left alone.
 */
final class SpringConfigRecipe implements Recipe {

    private static final Pattern CONFIG_FILE =
            Pattern.compile("(?:.*/)?(application|bootstrap)([-.][\\w.-]*)?\\.(ya?ml|properties)");

    /**
     * The properties sharing one credential prefix in one place: a YAML mapping (reached through aliases perhaps more
     * than once, always the same block) and the prefix as written there, or the whole .properties file and the key's.
     */
    private record Block(Object container, String prefix) {
    }

    @Override
    public boolean accepts(String relativePath) {
        return CONFIG_FILE.matcher(relativePath).matches();
    }

    @Override
    public List<TextEdit> edits(String relativePath, String text, List<RewriteNote> notes) {
        if (!mentionsCredentials(text)) {
            return List.of();
        }
        LineNumbers lines = new LineNumbers(text);
        Map<Block, List<SpringCredentialBlock.Named>> blocks = new LinkedHashMap<>();
        List<SpringCredentialBlock.Named> signIn = new ArrayList<>();
        if (relativePath.endsWith(".properties")) {
            for (ConfigProperty property : PropertiesFile.parse(text)) {
                classify(property.key(), "", property, blocks, signIn);
            }
        } else {
            try {
                YamlConfigFile.walk(text, YamlTree.documents(text),
                        found -> classify(found.path(), found.mapping(), found.property(), blocks, signIn));
            } catch (YamlTree.Unparsable e) {
                notes.add(new RewriteNote(relativePath, e.line(), e.column(), "spring-config-does-not-parse",
                        "Spring configuration is not valid YAML; left unchanged. Fix it and run again."));
                return List.of();
            }
        }
        List<TextEdit> edits = new ArrayList<>();
        blocks.forEach((block, properties) -> {
            if (properties.stream().allMatch(named -> named.property().editable())) {
                edits.addAll(SpringCredentialBlock.rewrite(relativePath, lines, properties, notes));
            } else {
                ConfigProperty first = properties.get(0).property();
                notes.add(new RewriteNote(relativePath, lines.line(first.offset()), lines.column(first.offset()),
                        "spring-credential-anchored", properties.get(0).prefix() + "* shares a value with other places"
                        + " through a YAML anchor; left unchanged. Set managed-identity-enabled: true and client-id: "
                        + SpringCredentialBlock.WORKLOAD_CLIENT_ID + " there, and remove the secret, by hand."));
            }
        });
        signIn.forEach(named -> SpringCredentialBlock.noteSignIn(relativePath, lines, named.property(),
                named.fullKey(), notes));
        return edits;
    }

    private static void classify(String fullKey, Object container, ConfigProperty property,
                                 Map<Block, List<SpringCredentialBlock.Named>> blocks,
                                 List<SpringCredentialBlock.Named> signIn) {
        SpringKey key = SpringKey.of(fullKey);
        SpringCredentialBlock.Named named = new SpringCredentialBlock.Named(fullKey, property);
        if (key.isServiceCredential()) {
            List<SpringCredentialBlock.Named> block = blocks.computeIfAbsent(
                    new Block(container, SpringKey.of(property.key()).prefix()), b -> new ArrayList<>());
            if (block.stream().noneMatch(seen -> seen.property().offset() == property.offset())) {
                block.add(named);
            }
        } else if (key.isSignInSecret()) {
            signIn.add(named);
        }
    }

    /** A cheap test before parsing: every key this recipe acts on spells "client" and "azure" somewhere. */
    private static boolean mentionsCredentials(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("azure") && lower.contains("client");
    }
}

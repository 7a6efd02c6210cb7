package io.wimigrate.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.model.Diagnostic;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.RepoInventory;
import io.wimigrate.scanner.model.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryCodecTest {

    private static Inventory sample() {
        // A resourceVersion looks like a number: YAML must still read it back as a string.
        Finding b = Finding.of(Rule.SP_SECRET, new Location.InCluster("c",
                new ObjectRef("v1", "Secret", "ns", "sp", "0b7e", "185671183")), "secret",
                Map.of("keys", "clientSecret", "a", "1"));
        Finding a = Finding.of(Rule.SPRING_CREDENTIAL_CONFIG, new Location.InFile("repo", "application.yml", 3, 5),
                "spring", Map.of());
        return Inventory.of(List.of(), List.of(new RepoInventory("repo", 4, List.of())), List.of(b, a),
                List.of(Diagnostic.warning("repo", "x.yaml", "does not parse")));
    }

    @Test
    void jsonAndYamlRoundTrip(@TempDir Path dir) throws Exception {
        Inventory inventory = sample();
        Files.writeString(dir.resolve("inv.json"), InventoryCodec.toJson(inventory));
        Files.writeString(dir.resolve("inv.yaml"), InventoryCodec.toYaml(inventory));

        assertThat(InventoryCodec.read(dir.resolve("inv.json"))).isEqualTo(inventory);
        assertThat(Files.readString(dir.resolve("inv.yaml")))
                .as("a YAML reader without a schema must see a string, not a number")
                .contains("resourceVersion: \"185671183\"");
        assertThat(InventoryCodec.read(dir.resolve("inv.yaml"))).isEqualTo(inventory);
    }

    @Test
    void outputIsOrderedAndStable() {
        String json = InventoryCodec.toJson(sample());

        assertThat(json).isEqualTo(InventoryCodec.toJson(sample()));
        assertThat(json.indexOf("\"rule\": \"sp-secret\""))
                .isLessThan(json.indexOf("\"rule\": \"spring-credential-config\""));
        assertThat(json.indexOf("\"a\": \"1\"")).isLessThan(json.indexOf("\"keys\": \"clientSecret\""));
        assertThat(json).startsWith("{\n  \"apiVersion\": \"wimigrate.io/v1alpha1\",\n  \"kind\": \"Inventory\"");
    }

    @Test
    void refusesAForeignDocument(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, "apiVersion: other/v1\nkind: Plan\n");

        assertThatThrownBy(() -> InventoryCodec.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("plan.yaml")
                .hasMessageContaining("not a wimigrate inventory");
    }
}

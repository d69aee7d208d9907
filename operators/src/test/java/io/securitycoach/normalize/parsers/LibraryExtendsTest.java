package io.securitycoach.normalize.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.securitycoach.normalize.VendorRegistry;
import io.securitycoach.schema.Json;
import io.securitycoach.schema.SecurityEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An org enables a library configuration by name ({@code extends: duo-auth}), with overrides. */
class LibraryExtendsTest {
    private static final Path LIBRARY =
            Paths.get(System.getProperty("coach.home", "..")).resolve("parsers-library");

    private static JsonNode duoRecord(int n) throws Exception {
        return Json.mapper()
                .readTree(
                        Files.readAllLines(LIBRARY.resolve("duo-auth").resolve("fixtures.jsonl"))
                                .get(n));
    }

    private static List<String> errors(String config) {
        try {
            ParserCompiler.compile(config, "org.yaml");
            return List.of();
        } catch (ParserConfigException e) {
            return e.messages();
        }
    }

    @Test
    void theBundledLibraryIsOnTheClasspathByName() throws Exception {
        for (Path folder : ParserLibrary.vendors(LIBRARY)) { // every folder travels in the jar
            String name = folder.getFileName().toString();
            assertThat(BundledLibrary.text(name)).as(name).isPresent();
            assertThat(VendorRegistry.builtIn().byName(name)).as(name).isEmpty();
        }
        assertThat(BundledLibrary.names()).contains("duo-auth", "entra-signins");
        assertThat(BundledLibrary.text("../pom.xml")).isEmpty();
    }

    @Test
    void enablingByNameCompilesTheLibraryConfigurationForTheOrg() throws Exception {
        CompiledParser p =
                ParserCompiler.compile(
                        "extends: duo-auth\norg: acme\nversion: 3\n", "acme-duo.yaml");
        assertThat(p.orgId()).isEqualTo("acme");
        assertThat(p.vendor()).isEqualTo("duo-auth");
        assertThat(p.version()).isEqualTo(3);
        assertThat(p.autoDetectable()).isTrue();
        SecurityEvent e = new SecurityEvent();
        p.normalize(duoRecord(0), e);
        assertThat(e.actorEmail).isEqualTo("ada.lane@northwind.example");
        assertThat(e.app).isEqualTo("Northwind VPN");
        assertThat(e.action).isEqualTo("allowed");
    }

    @Test
    void overridesReplaceFieldsOfOneOrgOnly() throws Exception {
        CompiledParser acme =
                ParserCompiler.compile(
                        "parser: duo-eu\nextends: duo-auth\norg: acme\nversion: 1\n"
                                + "product: Duo EU\n"
                                + "fields:\n"
                                + "  app: {path: application.key}\n"
                                + "  message: null\n",
                        "acme-duo.yaml");
        CompiledParser globex =
                ParserCompiler.compile(
                        "extends: duo-auth\norg: globex\nversion: 1\n", "globex-duo.yaml");
        SecurityEvent a = new SecurityEvent();
        acme.normalize(duoRecord(0), a);
        SecurityEvent g = new SecurityEvent();
        globex.normalize(duoRecord(0), g);
        assertThat(acme.vendor()).isEqualTo("duo-eu");
        assertThat(a.product).isEqualTo("Duo EU");
        assertThat(a.app).isEqualTo("DIA1B2C3D4E5F6G7H8I9");
        assertThat(a.message).isNull();
        assertThat(g.product).isEqualTo("Duo Security");
        assertThat(g.app).isEqualTo("Northwind VPN");
        assertThat(g.message).isEqualTo("user_approved");
    }

    @Test
    void unknownNamesAndBadOverridesAreRefusedWithAReason() {
        assertThat(errors("extends: duo-authh\norg: acme\nversion: 1\n"))
                .anyMatch(
                        m ->
                                m.contains("'duo-authh' is neither a built-in vendor")
                                        && m.contains("parsers library (")
                                        && m.contains("duo-auth"));
        assertThat(errors("extends: duo-auth\n"))
                .anyMatch(m -> m.contains("org") && m.contains("the org's own"))
                .anyMatch(m -> m.contains("version") && m.contains("the org's own"));
        assertThat(
                        errors(
                                "extends: duo-auth\norg: acme\nversion: 1\n"
                                        + "fields:\n"
                                        + "  action: {path: result, transform: [{regex: '(x'}]}\n"
                                        + "  org_id: {value: globex}\n"
                                        + "colour: red\n"))
                .anyMatch(m -> m.contains("fields.action.transform[0]") && m.contains("RE2"))
                .anyMatch(m -> m.contains("fields.org_id"))
                .anyMatch(m -> m.contains("colour") && m.contains("unknown key"));
        assertThat(errors("extends: okta\norg: acme\nversion: 1\nparser: okta-x\n")).isEmpty();
    }
}

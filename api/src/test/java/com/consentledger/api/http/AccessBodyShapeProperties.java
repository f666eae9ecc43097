package com.consentledger.api.http;

import com.consentledger.api.access.AccessBodyShape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The access body's shortcut says yes only to bodies the contract's AccessBody schema accepts (networknt). */
class AccessBodyShapeProperties {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Schema ACCESS_BODY = RequestValidation.componentSchema(
            RequestValidation.contractSchemas(ApiRouter.parse(contract())), "AccessBody");
    private static final List<String> FIELDS = List.of("subjectId", "purpose", "dataCategories", "policyId", "occurredAt",
            "unexpected");

    private static String contract() {
        try (InputStream in = AccessBodyShapeProperties.class.getClassLoader().getResourceAsStream(ApiRouter.CONTRACT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 5_000)
    void what_the_shortcut_recognises_the_schema_accepts(@ForAll("bodies") ObjectNode body) {
        boolean recognised = AccessBodyShape.conforms(body);
        Statistics.label("recognised").collect(recognised);
        Statistics.label("recognised").coverage(coverage -> coverage.check(true).percentage(share -> share > 15));
        if (recognised) {
            assertThat(ACCESS_BODY.validate(body, OutputFormat.BOOLEAN)).as(body.toString()).isTrue();
        }
    }

    @Example
    void the_rushs_bodies_are_recognised_and_the_unusual_ones_left_to_the_schema() throws IOException {
        assertThat(AccessBodyShape.conforms(MAPPER.readTree(
                "{\"subjectId\":\"E000001\",\"purpose\":\"location-clock-in\",\"dataCategories\":[\"precise-location\"]}")))
                .isTrue();
        assertThat(AccessBodyShape.conforms(MAPPER.readTree(
                "{\"subjectId\":\"E1\",\"purpose\":\"p\",\"dataCategories\":[\"imei\"],\"policyId\":\"hr-privacy\"}")))
                .isTrue();
        assertThat(AccessBodyShape.conforms(MAPPER.readTree(
                "{\"subjectId\":\"E1\",\"purpose\":\"p\",\"dataCategories\":[\"imei\"],\"occurredAt\":\"2026-11-29T08:59:00Z\"}")))
                .as("occurredAt's format is the schema's to judge").isFalse();
        assertThat(AccessBodyShape.conforms(MAPPER.readTree(
                "{\"subjectId\":\"E1\",\"purpose\":\"p\",\"dataCategories\":[]}"))).isFalse();
        assertThat(AccessBodyShape.conforms(MAPPER.readTree(
                "{\"subjectId\":\"E1\",\"purpose\":\"p\",\"dataCategories\":[\"imei\"],\"extra\":1}"))).isFalse();
    }

    /** The fields of an access body and a stranger, each present or not, with valid values most of the time. */
    @Provide
    Arbitrary<ObjectNode> bodies() {
        Arbitrary<JsonNode> identifierLike = Arbitraries.frequencyOf(Tuple.of(8, identifiers()), Tuple.of(1, others()));
        Arbitrary<JsonNode> categories = Arbitraries.frequencyOf(Tuple.of(8, categoryLists()), Tuple.of(1, others()));
        // which of FIELDS are present, one bit each; in three bodies of four the required three are
        Arbitrary<Integer> present = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 7).map(optional -> optional << 3 | 0b111)),
                Tuple.of(1, Arbitraries.integers().between(0, 63)));
        return Combinators.combine(identifierLike, identifierLike, categories, identifierLike, identifierLike, others(),
                present).as((subjectId, purpose, dataCategories, policyId, occurredAt, unexpected, fields) -> {
                    List<JsonNode> values = List.of(subjectId, purpose, dataCategories, policyId, occurredAt, unexpected);
                    ObjectNode body = NODES.objectNode();
                    for (int field = 0; field < FIELDS.size(); field++) {
                        if ((fields & 1 << field) != 0) {
                            body.set(FIELDS.get(field), values.get(field));
                        }
                    }
                    return body;
                });
    }

    /** A few valid categories mostly; now and then any identifier-like strings, zero to 52 of them (maxItems 50). */
    private static Arbitrary<JsonNode> categoryLists() {
        return Arbitraries.frequencyOf(Tuple.of(6, validIdentifiers().list().ofMinSize(1).ofMaxSize(3)),
                        Tuple.of(1, identifiers().list().ofMinSize(0).ofMaxSize(52)),
                        Tuple.of(1, validIdentifiers().list().ofMinSize(48).ofMaxSize(52)))
                .map(list -> {
                    ArrayNode array = NODES.arrayNode();
                    list.forEach(array::add);
                    return array;
                });
    }

    /** Valid identifiers mostly; near misses, empty and too long strings now and then. */
    private static Arbitrary<JsonNode> identifiers() {
        Arbitrary<JsonNode> nearMisses = Arbitraries.strings().withChars("ABCZabcz0189._:@- /+é\n~".toCharArray())
                .ofMinLength(0).ofMaxLength(130).map(NODES::textNode);
        return Arbitraries.frequencyOf(Tuple.of(12, validIdentifiers()), Tuple.of(1, nearMisses));
    }

    /** 1 to 128 characters: a letter or digit, then letters, digits and . _ : @ - */
    private static Arbitrary<JsonNode> validIdentifiers() {
        return Combinators.combine(
                        Arbitraries.strings().withChars("ABCZabcz0189".toCharArray()).ofLength(1),
                        Arbitraries.strings().withChars("ABCZabcz0189._:@-".toCharArray()).ofMinLength(0).ofMaxLength(127))
                .as((first, rest) -> (JsonNode) NODES.textNode(first + rest));
    }

    private static Arbitrary<JsonNode> others() {
        return Arbitraries.<JsonNode>of(NODES.nullNode(), NODES.numberNode(7), NODES.booleanNode(true),
                NODES.objectNode(), NODES.arrayNode().add("imei"), NODES.textNode("2026-11-29T08:59:00Z"),
                NODES.textNode("not-a-date"));
    }
}

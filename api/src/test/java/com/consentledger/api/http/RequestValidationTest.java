package com.consentledger.api.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestValidationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void the_parsed_tree_becomes_the_same_vertx_json_as_jacksons_conversion_gives() throws Exception {
        String body = """
                {"subjectId":"E000001","purpose":"location-clock-in","dataCategories":["precise-location","imei"],
                 "occurredAt":"2026-11-28T08:59:59Z","count":3,"big":12345678901234,"huge":123456789012345678901234567890,
                 "ratio":0.25,"flag":true,"nothing":null,"nested":{"list":[1,[2,{"deep":"é ✓"}],false],"empty":{}},
                 "emptyList":[]}""";

        Object walked = RequestValidation.vertxJson(MAPPER.readTree(body));
        JsonObject converted = new JsonObject(MAPPER.convertValue(MAPPER.readTree(body),
                new TypeReference<Map<String, Object>>() { }));

        assertThat(walked).isEqualTo(converted);
        assertThat(((JsonObject) walked).encode()).isEqualTo(converted.encode());
        assertThat(((JsonObject) walked).getValue("big")).isInstanceOf(Long.class);
        assertThat(((JsonObject) walked).getValue("huge")).isInstanceOf(java.math.BigInteger.class);
        assertThat(((JsonObject) walked).fieldNames()).as("the body's order").containsExactlyElementsOf(converted.fieldNames());
    }
}

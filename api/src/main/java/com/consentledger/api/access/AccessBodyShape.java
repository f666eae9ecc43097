package com.consentledger.api.access;

import com.consentledger.ledger.rules.Require;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognises the usual body of {@code POST /v1/access}: {@code subjectId}, {@code purpose}, one to fifty
 * {@code dataCategories} and perhaps {@code policyId}, every one a well-formed identifier, nothing else.
 * <p>
 * Every access body went through networknt's validator of the contract's {@code AccessBody} schema: 8 to 10 %
 * of the access path's CPU samples and 12 % of the bytes it allocates (docs/decisions.md). This check answers
 * yes only for bodies that schema accepts ({@code AccessBodyShapeProperties} holds it to networknt's verdict);
 * anything else, a body with {@code occurredAt} included (its date-time format is the schema's to judge), is
 * validated as before, so every refusal is worded as it always was.
 */
public final class AccessBodyShape {

    /** The schema's {@code maxItems} of {@code dataCategories}. */
    private static final int MOST_CATEGORIES = 50;

    private AccessBodyShape() {
    }

    public static boolean conforms(JsonNode body) {
        if (!body.isObject() || !identifier(body.get("subjectId")) || !identifier(body.get("purpose"))) {
            return false;
        }
        JsonNode categories = body.get("dataCategories");
        if (categories == null || !categories.isArray() || categories.isEmpty() || categories.size() > MOST_CATEGORIES) {
            return false;
        }
        for (JsonNode category : categories) {
            if (!identifier(category)) {
                return false;
            }
        }
        JsonNode policyId = body.get("policyId");
        if (policyId != null && !identifier(policyId)) {
            return false;
        }
        // additionalProperties: false, and occurredAt left to the schema
        return body.size() == (policyId == null ? 3 : 4);
    }

    private static boolean identifier(JsonNode node) {
        return node != null && node.isTextual() && Require.isIdentifier(node.textValue());
    }
}

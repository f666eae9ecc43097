package com.consentledger.api.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Who is calling: the token's {@code sub} and {@code roles}. */
public record Caller(String subject, Set<String> roles) {

    public static final String SUBJECT = "subject";
    public static final String PROCESSOR = "processor";
    public static final String POLICY_ADMIN = "policy-admin";
    public static final String HR = "hr";
    public static final String AUDITOR = "auditor";

    public static Caller of(RoutingContext context) {
        User user = context.user();
        if (user == null) {
            throw new HttpException(401);
        }
        JsonArray roles = user.principal().getJsonArray("roles", new JsonArray());
        return new Caller(user.principal().getString("sub"),
                Set.copyOf(roles.stream().map(String::valueOf).toList()));
    }

    /** Requires one of the roles; a {@code subject} may moreover act only on its own {@code sub}. */
    public Caller require(String subjectId, String... allowed) {
        List<String> permitted = Arrays.asList(allowed);
        boolean asOther = roles.stream().anyMatch(role -> !role.equals(SUBJECT) && permitted.contains(role));
        boolean asSelf = permitted.contains(SUBJECT) && roles.contains(SUBJECT) && subject != null
                && subject.equals(subjectId);
        if (asOther || asSelf) {
            return this;
        }
        boolean wrongSubject = permitted.contains(SUBJECT) && roles.contains(SUBJECT);
        throw new HttpException(403, wrongSubject
                ? "a subject token may only act on its own subject"
                : "this needs one of the roles " + permitted);
    }

    /** Requires one of the roles, for operations not about one subject. */
    public static Caller withRole(RoutingContext context, String... allowed) {
        return of(context).require((String) null, allowed);
    }
}

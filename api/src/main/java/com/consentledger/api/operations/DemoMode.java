package com.consentledger.api.operations;

import com.consentledger.api.auth.JwtSettings;
import com.consentledger.ledger.application.ConsentLedger;
import com.consentledger.ledger.demo.DemoEmployees;
import com.consentledger.ledger.demo.DemoSeeder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code --demo}: seeds the 2020-07-20 policy and {@link #EMPLOYEES} employees (once per data directory) and
 * hands out one token per role, printed and written to {@code <data>/demo-tokens.env} for shell scripts, and a
 * subject token for each seeded employee (the first {@link #MOST_SUBJECT_TOKENS}) in
 * {@code <data>/demo-subject-tokens.txt} (a line "E000001 token" each) for load tests that act as many employees
 * (wrk's Lua cannot sign tokens).
 */
public final class DemoMode {

    /** Employees seeded unless {@code LEDGER_DEMO_EMPLOYEES} says otherwise (the load test seeds more). */
    public static final int EMPLOYEES = 200;
    public static final String SUBJECT = DemoEmployees.subjectId(0);
    /** About 200 bytes and a few microseconds of signing each: a million employees would take 200 MB. */
    static final int MOST_SUBJECT_TOKENS = 100_000;

    private DemoMode() {
    }

    /** Blocking: called from the main thread once the service runs. Answers the text to print. */
    public static String start(Vertx vertx, ConsentLedger ledger, JwtSettings jwt, Path dataDir, int port, int employees) {
        try {
            int seeded = DemoSeeder.seed(ledger, DemoSeeder.employees(employees, Instant.now())).get(60, TimeUnit.MINUTES);
            if (jwt.secret() == null) {
                return "Demo data ready (" + seeded + " decisions seeded). Tokens are not printed: the service verifies "
                        + "RS256/ES256 tokens from LEDGER_JWT_PUBLIC_KEY, which only their issuer can sign.";
            }
            JWTAuth auth = jwt.auth(vertx);
            Map<String, String> tokens = tokens(auth, jwt.issuer());
            Path envFile = dataDir.resolve("demo-tokens.env");
            writeEnvFile(envFile, tokens, port);
            Path subjectTokensFile = dataDir.resolve("demo-subject-tokens.txt");
            int subjectTokens = Math.min(employees, MOST_SUBJECT_TOKENS);
            write(subjectTokensFile, String.join("\n", subjectTokens(auth, jwt.issuer(), subjectTokens)) + "\n");
            StringBuilder text = new StringBuilder("\nConsent Ledger demo: ").append(seeded)
                    .append(" decisions seeded (0 when this data directory was seeded before).\n")
                    .append("Tokens, valid 24 hours (also in ").append(envFile).append("):\n");
            tokens.forEach((name, token) -> text.append("  ").append(name).append('=').append(token).append('\n'));
            text.append("Subject tokens for the first ").append(subjectTokens).append(" employees: ")
                    .append(subjectTokensFile).append('\n');
            text.append("Try:\n  . ").append(envFile).append('\n')
                    .append("  curl -s -H \"Authorization: Bearer $PROCESSOR_TOKEN\" -H 'content-type: application/json' \\\n")
                    .append("    -d '{\"subjectId\":\"").append(SUBJECT)
                    .append("\",\"purpose\":\"device-binding\",\"dataCategories\":[\"imei\"]}' $LEDGER_URL/v1/access\n");
            return text.toString();
        } catch (Exception failed) {
            throw new IllegalStateException("demo mode could not seed its data: " + failed.getMessage(), failed);
        }
    }

    static Map<String, String> tokens(JWTAuth auth, String issuer) {
        JWTOptions options = options(issuer);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("SUBJECT_TOKEN", token(auth, options, SUBJECT, "subject"));
        tokens.put("PROCESSOR_TOKEN", token(auth, options, "attendance-service", "processor"));
        tokens.put("POLICY_ADMIN_TOKEN", token(auth, options, "policy-admin-1", "policy-admin"));
        tokens.put("HR_TOKEN", token(auth, options, "hr-1", "hr"));
        tokens.put("AUDITOR_TOKEN", token(auth, options, "auditor-1", "auditor"));
        return tokens;
    }

    /** "E000001 token" for each of the first {@code employees} demo employees, in id order. */
    static List<String> subjectTokens(JWTAuth auth, String issuer, int employees) {
        JWTOptions options = options(issuer);
        return IntStream.range(0, employees).mapToObj(DemoEmployees::subjectId)
                .map(subject -> subject + " " + token(auth, options, subject, "subject")).toList();
    }

    private static JWTOptions options(String issuer) {
        JWTOptions options = new JWTOptions().setExpiresInMinutes(24 * 60);
        return issuer == null ? options : options.setIssuer(issuer);
    }

    private static String token(JWTAuth auth, JWTOptions options, String subject, String role) {
        return auth.generateToken(new JsonObject().put("sub", subject).put("roles", new JsonArray(List.of(role))), options);
    }

    private static void writeEnvFile(Path file, Map<String, String> tokens, int port) {
        StringBuilder env = new StringBuilder("# written by --demo; source it: . ").append(file).append('\n')
                .append("LEDGER_URL=http://127.0.0.1:").append(port).append('\n');
        tokens.forEach((name, token) -> env.append(name).append('=').append(token).append('\n'));
        write(file, env.toString());
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write " + file, unwritable);
        }
    }
}

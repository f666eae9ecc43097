package com.consentledger.api.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSettingsTest {

    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String sign(KeyPair keys, String algorithm, String issuer) {
        JWTAuth signer = JWTAuth.create(VERTX, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
                .setAlgorithm(algorithm).setBuffer(pem("PRIVATE KEY", keys.getPrivate().getEncoded()))));
        JWTOptions options = new JWTOptions().setAlgorithm(algorithm);
        if (issuer != null) {
            options.setIssuer(issuer);
        }
        return signer.generateToken(new JsonObject().put("sub", "svc").put("roles", new JsonArray().add("processor")), options);
    }

    private static User verify(JwtSettings settings, String token) throws Exception {
        return settings.auth(VERTX).authenticate(new TokenCredentials(token)).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void an_rsa_public_key_verifies_rs256_tokens() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        JwtSettings settings = new JwtSettings(null, pem("PUBLIC KEY", keys.getPublic().getEncoded()), null);

        assertThat(verify(settings, sign(keys, "RS256", null)).principal().getString("sub")).isEqualTo("svc");
    }

    @Test
    void an_ec_public_key_verifies_es256_tokens_and_the_issuer_is_checked_when_configured() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        JwtSettings settings = new JwtSettings(null, pem("PUBLIC KEY", keys.getPublic().getEncoded()), "https://id.example");

        assertThat(verify(settings, sign(keys, "ES256", "https://id.example")).principal().getString("sub")).isEqualTo("svc");
        assertThatThrownBy(() -> verify(settings, sign(keys, "ES256", "https://elsewhere.example")));
    }

    @Test
    void a_key_that_is_not_a_public_key_stops_the_start(@TempDir Path dataDir) {
        assertThatThrownBy(() -> JwtSettings.fromEnvironment(Map.of("LEDGER_JWT_PUBLIC_KEY",
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"), dataDir))
                .isInstanceOf(com.consentledger.api.Main.InvalidConfigurationException.class)
                .hasMessageContaining("LEDGER_JWT_PUBLIC_KEY");
    }

    @Test
    void without_keys_a_random_secret_is_created_once_and_kept(@TempDir Path dataDir) throws Exception {
        JwtSettings first = JwtSettings.fromEnvironment(Map.of(), dataDir);
        JwtSettings second = JwtSettings.fromEnvironment(Map.of(), dataDir);

        assertThat(first.secret()).hasSizeGreaterThanOrEqualTo(40).isEqualTo(second.secret());
        assertThat(Files.readString(dataDir.resolve("jwt-secret")).strip()).isEqualTo(first.secret());
        assertThat(JwtSettings.fromEnvironment(Map.of("LEDGER_JWT_SECRET", "configured"), dataDir).secret())
                .isEqualTo("configured");
    }
}

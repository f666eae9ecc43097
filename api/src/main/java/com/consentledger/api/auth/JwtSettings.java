package com.consentledger.api.auth;

import com.consentledger.api.Main;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How tokens are verified: an HS256 shared secret ({@code LEDGER_JWT_SECRET}) or an RS256/ES256 public key in
 * PEM ({@code LEDGER_JWT_PUBLIC_KEY}), and the issuer checked when {@code LEDGER_JWT_ISSUER} is set. With
 * neither key configured, a random secret is created once in the data directory ({@code jwt-secret}), so a
 * fresh machine works (demo mode signs its tokens with it) and nothing guessable is ever accepted.
 */
public record JwtSettings(String secret, String publicKeyPem, String issuer) {

    private static final Pattern PEM = Pattern.compile("-----BEGIN PUBLIC KEY-----(.*?)-----END PUBLIC KEY-----", Pattern.DOTALL);

    public static JwtSettings fromEnvironment(Map<String, String> env, Path dataDir) {
        String secret = blankToNull(env.get("LEDGER_JWT_SECRET"));
        String publicKey = blankToNull(env.get("LEDGER_JWT_PUBLIC_KEY"));
        if (secret == null && publicKey == null) {
            secret = secretIn(dataDir.resolve("jwt-secret"));
        }
        if (publicKey != null) {
            algorithmOf(pemBody(publicKey)); // a broken key stops the start, not the first request
        }
        return new JwtSettings(secret, publicKey, blankToNull(env.get("LEDGER_JWT_ISSUER")));
    }

    public JWTAuth auth(Vertx vertx) {
        JWTAuthOptions options = new JWTAuthOptions();
        if (secret != null) {
            options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret));
        }
        if (publicKeyPem != null) {
            String body = pemBody(publicKeyPem);
            String wrapped = "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
            options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithmOf(body)).setBuffer(wrapped));
        }
        JWTOptions jwt = new JWTOptions();
        if (issuer != null) {
            jwt.setIssuer(issuer);
        }
        options.setJWTOptions(jwt);
        return JWTAuth.create(vertx, options);
    }

    private static String pemBody(String pem) {
        Matcher block = PEM.matcher(pem);
        return (block.find() ? block.group(1) : pem).replaceAll("\\s", "");
    }

    /** RS256 for an RSA key, ES256 for an EC key: the key decides, a key of the other kind would not load. */
    static String algorithmOf(String pemBody) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(pemBody);
        } catch (IllegalArgumentException notBase64) {
            throw new Main.InvalidConfigurationException("LEDGER_JWT_PUBLIC_KEY is not a PEM public key");
        }
        for (String[] kind : new String[][]{{"RSA", "RS256"}, {"EC", "ES256"}}) {
            try {
                KeyFactory.getInstance(kind[0]).generatePublic(new X509EncodedKeySpec(der));
                return kind[1];
            } catch (GeneralSecurityException notThisKind) {
                // try the next kind
            }
        }
        throw new Main.InvalidConfigurationException("LEDGER_JWT_PUBLIC_KEY is neither an RSA nor an EC public key");
    }

    private static String secretIn(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            return secret;
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read or create the JWT secret " + file, unreadable);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

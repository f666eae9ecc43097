package com.consentledger.ledger.demo;

import com.consentledger.ledger.policy.PublishPolicyVersion;
import com.consentledger.ledger.policy.PurposeDefinition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** The employee app's privacy policy of DESIGN.md §2, first version effective 2020-07-20. */
public final class DemoPolicy {

    public static final String POLICY_ID = "9xun-privacy";
    public static final String FIRST_VERSION = "2020-07-20";
    public static final Instant FIRST_EFFECTIVE_AT = Instant.parse("2020-07-20T00:00:00Z");

    public static final List<PurposeDefinition> PURPOSES = List.of(
            purpose("account-registration", "contract", false, List.of(), "account-name", "password", "phone-number"),
            purpose("customer-service-verification", "contract", false, List.of(), "account-info"),
            purpose("store-navigation", "consent", false, List.of(), "installed-apps"),
            purpose("device-binding", "hr-management", false, List.of(), "imei", "employee-id"),
            purpose("bluetooth-clock-in", "hr-management", false, List.of(), "mac-address"),
            purpose("location-clock-in", "consent", true, List.of("amap-sdk"), "precise-location", "device-id"),
            purpose("push-notifications", "consent", false, List.of("xiaomi-push-sdk", "huawei-push-sdk"),
                    "imei", "oaid", "android-id", "vaid", "aaid", "device-model"),
            purpose("app-analytics", "consent", false, List.of("umeng-sdk"), "imei", "oaid", "android-id", "device-model"),
            purpose("crash-reporting", "consent", false, List.of("bugly-sdk"), "device-model", "os-version",
                    "network-state"),
            purpose("liveness-detection", "consent", true, List.of("tencent-cloud-live"), "camera", "microphone",
                    "device-model", "android-id"),
            purpose("profile-avatar", "consent", false, List.of(), "avatar"),
            purpose("promotional-messages", "consent", false, List.of(), "phone-number", "push-token"),
            purpose("personalised-recommendations", "consent", false, List.of("partner-platforms"),
                    "purchase-history", "interests"));

    /** Stands in for the policy's full text, which the ledger only ever holds by hash. */
    public static final String TEXT = "9xun employee app privacy policy, version 2020-07-20 (demo text)";

    private DemoPolicy() {
    }

    public static PublishPolicyVersion firstVersion() {
        return new PublishPolicyVersion(POLICY_ID, FIRST_VERSION, FIRST_EFFECTIVE_AT, true, "first version",
                textSha256(), PURPOSES, null);
    }

    public static String textSha256() {
        return sha256(TEXT);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }

    private static PurposeDefinition purpose(String id, String basis, boolean sensitive, List<String> recipients,
                                             String... dataCategories) {
        return new PurposeDefinition(id, List.of(dataCategories), basis, sensitive, !recipients.isEmpty(), recipients);
    }
}

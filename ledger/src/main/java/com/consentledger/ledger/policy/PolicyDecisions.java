package com.consentledger.ledger.policy;

import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.rules.Require;
import com.consentledger.ledger.rules.Rule;
import com.consentledger.ledger.rules.RuleViolation;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of publishing a policy version, as a pure function of the catalogue and the command. */
public final class PolicyDecisions {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern BASIS = Pattern.compile("[a-z][a-z-]{0,63}");

    private PolicyDecisions() {
    }

    public static PolicyVersionPublished publish(PublishPolicyVersion command, PolicyHistory catalogue, Instant now) {
        requireWellFormed(command);
        requireNewVersion(command, catalogue);
        requireTakesEffectAfterPredecessor(command, catalogue);
        List<String> affected = command.affectedPurposes() != null
                ? command.affectedPurposes()
                : changedPurposes(catalogue.latest(), command.purposes());
        return new PolicyVersionPublished(command.policyId(), command.version(), command.effectiveAt(), command.major(),
                command.summary(), command.textSha256(), command.purposes(), affected, now);
    }

    private static void requireWellFormed(PublishPolicyVersion command) {
        Require.identifier("policyId", command.policyId());
        Require.identifier("version", command.version());
        Require.present("effectiveAt", command.effectiveAt());
        Require.text("summary", command.summary(), 2_000);
        if (command.textSha256() == null || !SHA_256_HEX.matcher(command.textSha256()).matches()) {
            throw RuleViolation.invalid("textSha256", "textSha256 must be 64 lower-case hex digits");
        }
        Require.present("purposes", command.purposes());
        if (command.purposes().isEmpty()) {
            throw RuleViolation.invalid("purposes", "a policy version needs at least one purpose");
        }
        Set<String> ids = new HashSet<>();
        for (int index = 0; index < command.purposes().size(); index++) {
            requireWellFormed("purposes[" + index + "]", command.purposes().get(index));
            if (!ids.add(command.purposes().get(index).id())) {
                throw RuleViolation.invalid("purposes[" + index + "].id", "purpose " + command.purposes().get(index).id()
                        + " is listed twice");
            }
        }
        if (command.affectedPurposes() != null) {
            Require.identifiers("affectedPurposes", command.affectedPurposes(), true);
            command.affectedPurposes().stream().filter(id -> !ids.contains(id)).findFirst().ifPresent(id -> {
                throw RuleViolation.ofField(Rule.PURPOSE_UNKNOWN, "affectedPurposes",
                        "affected purpose " + id + " is not a purpose of this version");
            });
        }
    }

    private static void requireWellFormed(String field, PurposeDefinition purpose) {
        Require.present(field, purpose);
        Require.identifier(field + ".id", purpose.id());
        Require.identifiers(field + ".dataCategories", purpose.dataCategories(), false);
        if (purpose.basis() == null || !BASIS.matcher(purpose.basis()).matches()) {
            throw RuleViolation.invalid(field + ".basis", "basis must be consent or a lawful basis such as hr-management");
        }
        Require.identifiers(field + ".recipients", purpose.recipients(), true);
        if (purpose.thirdParty() == purpose.recipients().isEmpty()) {
            throw RuleViolation.invalid(field + ".recipients",
                    "a third-party purpose names its recipients, and only a third-party purpose has recipients");
        }
    }

    /** Versions are immutable: the same version id twice is a conflict, even with the same content. */
    private static void requireNewVersion(PublishPolicyVersion command, PolicyHistory catalogue) {
        if (catalogue.version(command.version()).isPresent()) {
            throw RuleViolation.ofField(Rule.POLICY_VERSION_EXISTS, "version",
                    "policy " + command.policyId() + " already has version " + command.version());
        }
    }

    /** Effective order is publication order, so "the version in effect at T" is never ambiguous. */
    private static void requireTakesEffectAfterPredecessor(PublishPolicyVersion command, PolicyHistory catalogue) {
        catalogue.latest().filter(latest -> !command.effectiveAt().isAfter(latest.effectiveAt())).ifPresent(latest -> {
            throw RuleViolation.ofField(Rule.POLICY_VERSION_OUT_OF_ORDER, "effectiveAt",
                    "version " + command.version() + " must take effect after version " + latest.version()
                            + " (" + latest.effectiveAt() + ")");
        });
    }

    /** Rule 4 when the admin lists nothing: a purpose is affected when it is new or its definition changed. */
    static List<String> changedPurposes(Optional<PolicyVersionPublished> previous, List<PurposeDefinition> purposes) {
        return purposes.stream()
                .filter(purpose -> previous.flatMap(version -> version.purpose(purpose.id()))
                        .map(before -> !sameDefinition(before, purpose))
                        .orElse(true))
                .map(PurposeDefinition::id)
                .toList();
    }

    private static boolean sameDefinition(PurposeDefinition before, PurposeDefinition after) {
        return Set.copyOf(before.dataCategories()).equals(Set.copyOf(after.dataCategories()))
                && before.basis().equals(after.basis())
                && before.sensitive() == after.sensitive()
                && before.thirdParty() == after.thirdParty()
                && Set.copyOf(before.recipients()).equals(Set.copyOf(after.recipients()));
    }
}

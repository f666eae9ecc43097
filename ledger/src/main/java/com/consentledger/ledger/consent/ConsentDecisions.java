package com.consentledger.ledger.consent;

import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.ConsentWithdrawn;
import com.consentledger.ledger.events.Evidence;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.ledger.policy.PurposeDefinition;
import com.consentledger.ledger.rules.Require;
import com.consentledger.ledger.rules.Rule;
import com.consentledger.ledger.rules.RuleViolation;
import com.consentledger.ledger.subject.SubjectHistory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** The rules of granting and withdrawing consent (DESIGN.md §2), as pure functions with time and ids injected. */
public final class ConsentDecisions {

    private ConsentDecisions() {
    }

    public static ConsentGranted grant(GrantConsent command, SubjectHistory subject, PolicyHistory policy,
                                       Instant now, Supplier<UUID> ids) {
        Require.identifiers("recipients", command.recipients(), true);
        Grantable grantable = requireGrantable(command, command.policyVersion(), command.evidence(), subject, policy, now);
        PolicyVersionPublished version = grantable.version();
        PurposeDefinition purpose = requireConsentablePurpose(policy, version, command.purpose(), "purpose");
        requireRecipientsNamed(purpose, command.recipients());
        return new ConsentGranted(command.subjectId(), ids.get().toString(), purpose.id(), policy.policyId(),
                version.version(), command.recipients(), command.channel(), command.evidence(), false,
                grantable.occurredAt());
    }

    public static List<ConsentGranted> acceptAll(AcceptAllPurposes command, SubjectHistory subject,
                                                 PolicyHistory policy, Instant now, Supplier<UUID> ids) {
        Require.identifiers("purposes", command.purposes(), false);
        Grantable grantable = requireGrantable(command, command.policyVersion(), command.evidence(), subject, policy, now);
        PolicyVersionPublished version = grantable.version();
        Instant occurredAt = grantable.occurredAt();
        List<PurposeDefinition> purposes = command.purposes().stream()
                .map(purpose -> requireConsentablePurpose(policy, version, purpose, "purposes"))
                .toList();
        purposes.forEach(ConsentDecisions::requireBundlingAllowed);
        return purposes.stream()
                .map(purpose -> new ConsentGranted(command.subjectId(), ids.get().toString(), purpose.id(),
                        policy.policyId(), version.version(), List.of(), command.channel(), command.evidence(), true,
                        occurredAt))
                .toList();
    }

    public static ConsentWithdrawn withdraw(WithdrawConsent command, SubjectHistory subject, Instant now) {
        Require.identifier("subjectId", command.subjectId());
        Require.identifier("purpose", command.purpose());
        Require.text("reason", command.reason(), 1_000);
        if (command.channel() != null) {
            Require.identifier("channel", command.channel());
        }
        Instant occurredAt = Require.occurredAt("occurredAt", command.occurredAt(), now);
        requireGrantInForce(subject, command.purpose(), occurredAt);
        return new ConsentWithdrawn(command.subjectId(), command.purpose(), command.reason(), command.channel(),
                occurredAt);
    }

    /** The version consented to and the instant of the decision, once the checks every grant shares pass. */
    private record Grantable(PolicyVersionPublished version, Instant occurredAt) {
    }

    private static Grantable requireGrantable(ConsentCommand command, String policyVersion, Evidence evidence,
                                              SubjectHistory subject, PolicyHistory policy, Instant now) {
        Require.identifier("subjectId", command.subjectId());
        Require.identifier("channel", command.channel());
        Instant occurredAt = Require.occurredAt("occurredAt", command.occurredAt(), now);
        requireActive(subject);
        PolicyVersionPublished version = requireVersion(policy, policyVersion);
        requireEvidenceOf(version, evidence, occurredAt);
        return new Grantable(version, occurredAt);
    }


    /** Rule 6: once deactivated or erased, a subject can grant nothing. */
    private static void requireActive(SubjectHistory subject) {
        if (subject.erasure().isPresent()) {
            throw RuleViolation.of(Rule.SUBJECT_ERASED, "subject " + subject.subjectId() + " was erased");
        }
        if (subject.deactivation().isPresent()) {
            throw RuleViolation.of(Rule.SUBJECT_DEACTIVATED, "subject " + subject.subjectId() + " is deactivated");
        }
    }

    private static PolicyVersionPublished requireVersion(PolicyHistory policy, String version) {
        Require.identifier("policyVersion", version);
        if (policy.isEmpty()) {
            throw RuleViolation.of(Rule.POLICY_UNKNOWN, "policy " + policy.policyId() + " has no published version");
        }
        return policy.version(version).orElseThrow(() -> RuleViolation.ofField(Rule.POLICY_VERSION_UNKNOWN,
                "policyVersion", "policy " + policy.policyId() + " has no version " + version));
    }

    /** The evidence must be of the text of the version consented to, shown before the decision. */
    private static void requireEvidenceOf(PolicyVersionPublished version, Evidence evidence, Instant occurredAt) {
        if (evidence == null) {
            return;
        }
        if (evidence.textSha256() != null && !evidence.textSha256().equals(version.textSha256())) {
            throw RuleViolation.invalid("evidence.textSha256",
                    "the notice shown is not the text of version " + version.version());
        }
        if (evidence.noticeShownAt() != null && evidence.noticeShownAt().isAfter(occurredAt)) {
            throw RuleViolation.invalid("evidence.noticeShownAt", "the notice must be shown before the decision");
        }
    }

    /** Rules 1 and 5: the purpose must exist in the version the person saw, and rest on consent. */
    private static PurposeDefinition requireConsentablePurpose(PolicyHistory policy, PolicyVersionPublished version,
                                                               String purposeId, String field) {
        Require.identifier(field, purposeId);
        if (!policy.knowsPurpose(purposeId)) {
            throw RuleViolation.ofField(Rule.PURPOSE_UNKNOWN, field, "no version of policy " + policy.policyId()
                    + " has purpose " + purposeId);
        }
        PurposeDefinition purpose = version.purpose(purposeId).orElseThrow(() -> RuleViolation.ofField(
                Rule.PURPOSE_NOT_IN_VERSION, field, "version " + version.version() + " has no purpose " + purposeId));
        if (!purpose.consentBased()) {
            throw RuleViolation.ofField(Rule.CONSENT_NOT_APPLICABLE, field, "purpose " + purposeId + " rests on "
                    + purpose.basis() + ", not on consent");
        }
        return purpose;
    }

    /** Rule 1: a third-party consent names every recipient, and only recipients of the purpose. */
    private static void requireRecipientsNamed(PurposeDefinition purpose, List<String> recipients) {
        recipients.stream().filter(recipient -> !purpose.recipients().contains(recipient)).findFirst()
                .ifPresent(recipient -> {
                    throw RuleViolation.ofField(Rule.RECIPIENT_UNKNOWN, "recipients", recipient
                            + " is not a recipient of purpose " + purpose.id());
                });
        purpose.recipients().stream().filter(recipient -> !recipients.contains(recipient)).findFirst()
                .ifPresent(recipient -> {
                    throw RuleViolation.ofField(Rule.RECIPIENT_NOT_NAMED, "recipients", "purpose " + purpose.id()
                            + " sends data to " + recipient + ": the consent must name it");
                });
    }

    /** Rule 1: sensitive and third-party purposes are never part of an "accept all". */
    private static void requireBundlingAllowed(PurposeDefinition purpose) {
        if (purpose.needsExplicitConsent()) {
            throw RuleViolation.ofField(Rule.BUNDLED_CONSENT_NOT_ALLOWED, "purposes", "purpose " + purpose.id()
                    + " is " + (purpose.sensitive() ? "sensitive" : "shared with third parties")
                    + " and needs a consent of its own");
        }
    }

    /** Withdrawing what is not in force is a mistake the caller must hear about, not a silent no-op. */
    private static void requireGrantInForce(SubjectHistory subject, String purpose, Instant occurredAt) {
        boolean inForce = subject.consentChangeAt(purpose, occurredAt)
                .filter(change -> change.event() instanceof ConsentGranted)
                .isPresent();
        if (!inForce) {
            throw RuleViolation.ofField(Rule.CONSENT_NOT_IN_FORCE, "purpose", "subject " + subject.subjectId()
                    + " has no consent to " + purpose + " in force at " + occurredAt);
        }
    }
}

package com.consentledger.ledger.offboarding;

/** What HR (and, for erasure, the subject) can record about a subject's account and data. */
public sealed interface LifecycleCommand permits OffboardSubject, DeactivateSubject, RequestErasure, CompleteErasure {

    String subjectId();
}

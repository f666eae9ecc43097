package com.consentledger.ledger.events;

/** An event about one data subject, tagged {@code subjectId=<id>} so a subject is one consistency boundary. */
public interface SubjectEvent {

    String TAG = "subjectId";

    String subjectId();
}

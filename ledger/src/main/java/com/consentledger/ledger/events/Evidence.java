package com.consentledger.ledger.events;

import java.time.Instant;

/** What the person was shown when deciding: the notice's text hash and when it was shown. */
public record Evidence(Instant noticeShownAt, String textSha256) {
}

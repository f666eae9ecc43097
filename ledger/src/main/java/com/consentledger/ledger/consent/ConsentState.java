package com.consentledger.ledger.consent;

import com.consentledger.ledger.events.KebabCaseValue;

/** The state of one purpose for one subject at an instant (DESIGN.md §4, contract values). */
public enum ConsentState implements KebabCaseValue {
    GRANTED, WITHDRAWN, RECONSENT_REQUIRED, NEVER_GRANTED, NOT_REQUIRED, DEACTIVATED
}

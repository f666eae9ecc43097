package com.consentledger.ledger.eventstore.axon;

import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.QualifiedName;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps Axon message types to the store's versioned type names and back: {@code <namespace>.ConsentGranted}
 * version {@code 1} is stored as {@code ConsentGranted.v1}. Names are stable strings, never class names.
 */
public record AxonEventTypes(String namespace) {

    private static final Pattern STORED = Pattern.compile("([A-Z][A-Za-z0-9]*)\\.v([1-9][0-9]*)");

    public String storedName(MessageType type) {
        String version = type.version();
        if (!version.matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException("event type " + type + " needs a whole-number version, e.g. @Event(version = \"1\")");
        }
        return type.qualifiedName().localName() + ".v" + version;
    }

    public MessageType messageType(String storedName) {
        Matcher matcher = STORED.matcher(storedName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a versioned event type name: " + storedName);
        }
        return new MessageType(new QualifiedName(namespace, matcher.group(1)), matcher.group(2));
    }
}

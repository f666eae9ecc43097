package com.consentledger.ledger.eventstore.axon;

import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.ConsentWithdrawn;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.annotation.AnnotationMessageTypeResolver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RememberedMessageTypesTest {

    @Test
    void answers_as_the_resolver_it_wraps_and_asks_it_once_per_class() {
        AnnotationMessageTypeResolver annotations = new AnnotationMessageTypeResolver();
        List<Class<?>> asked = new ArrayList<>();
        RememberedMessageTypes remembered = new RememberedMessageTypes(payloadType -> {
            asked.add(payloadType);
            return annotations.resolve(payloadType);
        });

        Optional<MessageType> granted = remembered.resolve(ConsentGranted.class);
        remembered.resolve(ConsentGranted.class);
        remembered.resolve(ConsentWithdrawn.class);
        remembered.resolve(ConsentGranted.class);

        assertThat(granted).isEqualTo(annotations.resolve(ConsentGranted.class)).isPresent();
        assertThat(remembered.resolve(ConsentWithdrawn.class)).isEqualTo(annotations.resolve(ConsentWithdrawn.class));
        assertThat(asked).containsExactly(ConsentGranted.class, ConsentWithdrawn.class);
    }
}

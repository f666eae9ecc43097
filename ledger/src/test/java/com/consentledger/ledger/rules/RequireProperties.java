package com.consentledger.ledger.rules;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The identifier check without a regex accepts exactly what the rule's pattern accepts. */
class RequireProperties {

    /** The identifier rule as a pattern: the oracle the loop is held to. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

    @Property(tries = 5_000)
    void the_identifier_loop_agrees_with_the_pattern(@ForAll("candidates") String value) {
        assertThat(Require.isIdentifier(value)).isEqualTo(IDENTIFIER.matcher(value).matches());
    }

    @Example
    void the_edges_of_the_rule() {
        assertThat(Require.isIdentifier("E000001")).isTrue();
        assertThat(Require.isIdentifier("a".repeat(128))).isTrue();
        assertThat(Require.isIdentifier("a".repeat(129))).isFalse();
        assertThat(Require.isIdentifier("")).isFalse();
        assertThat(Require.isIdentifier("-leading-punctuation")).isFalse();
        assertThat(Require.isIdentifier("location-clock-in")).isTrue();
        assertThat(Require.isIdentifier("with space")).isFalse();
        assertThat(Require.isIdentifier("é")).isFalse();
    }

    /** Mostly the allowed characters, some near misses, lengths around the bound. */
    @Provide
    Arbitrary<String> candidates() {
        Arbitrary<Character> allowed = Arbitraries.chars().with("ABCZabcz0189._:@-".toCharArray());
        Arbitrary<Character> nearMisses = Arbitraries.chars().with(" /\\+,;!é\u0000\u00a0~`[]{}".toCharArray());
        Arbitrary<Character> any = Arbitraries.chars();
        return Arbitraries.frequencyOf(Tuple.of(20, allowed), Tuple.of(1, nearMisses), Tuple.of(1, any))
                .list().ofMinSize(0).ofMaxSize(140)
                .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
    }
}

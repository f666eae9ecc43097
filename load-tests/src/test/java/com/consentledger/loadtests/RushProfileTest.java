package com.consentledger.loadtests;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RushProfileTest {

    private static RushProfile profile(Map<String, String> env) {
        return RushProfile.from(env::get);
    }

    @Test
    void the_auditors_ask_as_long_as_a_steady_run_lasts() {
        RushProfile steady = profile(Map.of("RUSH_PROFILE", "steady", "RUSH_STEADY_SECONDS", "300"));

        // the minute's ramp, then the rate for 300 s (the auditors once stopped after 22 s)
        assertThat(steady.length()).isEqualTo(Duration.ofSeconds(360));
        assertThat(steady.employees()).hasSize(2);
    }

    @Test
    void each_profile_lasts_as_long_as_its_stretches() {
        assertThat(profile(Map.of()).name()).isEqualTo("ci");
        assertThat(profile(Map.of()).length()).isEqualTo(Duration.ofSeconds(22));
        assertThat(profile(Map.of("RUSH_PROFILE", "full")).length()).isEqualTo(Duration.ofSeconds(210));
        assertThat(profile(Map.of("RUSH_PROFILE", "warm-up", "RUSH_WARM_UP_SECONDS", "15")).length())
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(profile(Map.of("RUSH_PROFILE", "steady")).length()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void a_blank_setting_takes_the_default() {
        assertThat(profile(Map.of("RUSH_PROFILE", " ", "RUSH_PEAK_USERS", "")).name()).isEqualTo("ci");
    }

    @Test
    void an_unknown_profile_or_a_bad_number_is_refused_by_name() {
        assertThatThrownBy(() -> profile(Map.of("RUSH_PROFILE", "fulll")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RUSH_PROFILE").hasMessageContaining("fulll");
        assertThatThrownBy(() -> profile(Map.of("RUSH_PROFILE", "steady", "RUSH_STEADY_SECONDS", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RUSH_STEADY_SECONDS");
        assertThatThrownBy(() -> profile(Map.of("RUSH_PROFILE", "full", "RUSH_PEAK_USERS", "lots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RUSH_PEAK_USERS");
    }
}

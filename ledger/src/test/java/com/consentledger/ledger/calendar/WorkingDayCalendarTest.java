package com.consentledger.ledger.calendar;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingDayCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingDayCalendar CHINA = CalendarFile.bundledSample();

    private static Instant shanghai(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), SHANGHAI).toInstant();
    }

    @Test
    void three_working_days_from_a_friday_skip_the_weekend() {
        WorkingDayCalendar weekends = WorkingDayCalendar.weekendsOnly(SHANGHAI);
        assertThat(weekends.deadlineAfter(shanghai("2025-03-07T17:30"), 3)).isEqualTo(shanghai("2025-03-13T00:00"));
        // the day of leaving never counts, even when left at 00:01
        assertThat(weekends.deadlineAfter(shanghai("2025-03-10T00:01"), 3)).isEqualTo(shanghai("2025-03-14T00:00"));
    }

    @Test
    void a_holiday_does_not_count_and_an_adjusted_working_sunday_does() {
        // Friday 26 September 2025: Sunday 28 is worked (adjusted), then Monday 29 and Tuesday 30
        assertThat(CHINA.deadlineAfter(shanghai("2025-09-26T18:00"), 3)).isEqualTo(shanghai("2025-10-01T00:00"));
        // Tuesday 30 September: 1-8 October are holidays; Thursday 9, Friday 10 and Saturday 11 (adjusted) are worked
        assertThat(CHINA.deadlineAfter(shanghai("2025-09-30T10:00"), 3)).isEqualTo(shanghai("2025-10-12T00:00"));
        assertThat(CHINA.isWorkingDay(LocalDate.parse("2025-10-01"))).isFalse();
        assertThat(CHINA.isWorkingDay(LocalDate.parse("2025-09-28"))).isTrue();
        assertThat(WorkingDayCalendar.weekendsOnly(SHANGHAI).deadlineAfter(shanghai("2025-09-30T10:00"), 3))
                .isEqualTo(shanghai("2025-10-04T00:00"));
    }

    @Test
    void the_day_is_taken_in_the_calendar_zone_not_in_utc() {
        // 2025-03-07T20:00Z is already Saturday 04:00 in Shanghai
        assertThat(CHINA.deadlineAfter(Instant.parse("2025-03-07T20:00:00Z"), 3)).isEqualTo(shanghai("2025-03-13T00:00"));
    }

    @Test
    void the_file_format_reads_zone_holidays_and_adjusted_working_days() {
        WorkingDayCalendar calendar = CalendarFile.parse("""
                # company calendar
                zone Europe/Berlin

                2025-12-25 holiday Christmas Day
                2025-12-27 workday stocktaking Saturday
                """, "test");
        assertThat(calendar.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(calendar.holidays()).containsExactly(LocalDate.parse("2025-12-25"));
        assertThat(calendar.adjustedWorkingDays()).containsExactly(LocalDate.parse("2025-12-27"));
    }

    @Test
    void mistakes_in_the_file_name_the_line() {
        assertThatThrownBy(() -> CalendarFile.parse("zone Asia/Shanghai\n2025-10-09 workday\n", "cal.txt"))
                .hasMessageContaining("cal.txt line 2").hasMessageContaining("already a working day");
        assertThatThrownBy(() -> CalendarFile.parse("zone Asia/Shanghai\n2025-10-01 holiday\n2025-10-01 holiday\n", "f"))
                .hasMessageContaining("line 3").hasMessageContaining("listed twice");
        assertThatThrownBy(() -> CalendarFile.parse("2025-10-01 holiday\n", "f")).hasMessageContaining("zone");
        assertThatThrownBy(() -> CalendarFile.parse("zone Mars/Olympus\n", "f")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> CalendarFile.parse("zone UTC\n2025-13-01 holiday\n", "f")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> CalendarFile.parse("zone UTC\n2025-10-01 vacation\n", "f")).hasMessageContaining("'vacation'");
    }
}

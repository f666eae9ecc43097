package com.consentledger.ledger.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * Which days are working days, in one time zone: Monday to Friday, minus public holidays, plus adjusted
 * working days (in mainland China some Saturdays and Sundays are worked to bridge a holiday). The data comes
 * from a file ({@link CalendarFile}), never from code, because the State Council publishes it every year.
 */
public final class WorkingDayCalendar {

    private final ZoneId zone;
    private final Map<LocalDate, String> holidays;
    private final Map<LocalDate, String> adjustedWorkingDays;

    WorkingDayCalendar(ZoneId zone, Map<LocalDate, String> holidays, Map<LocalDate, String> adjustedWorkingDays) {
        this.zone = zone;
        this.holidays = Map.copyOf(holidays);
        this.adjustedWorkingDays = Map.copyOf(adjustedWorkingDays);
    }

    /** Weekends only, no holidays: the calendar when none is configured for a zone. */
    public static WorkingDayCalendar weekendsOnly(ZoneId zone) {
        return new WorkingDayCalendar(zone, Map.of(), Map.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public Set<LocalDate> holidays() {
        return holidays.keySet();
    }

    public Set<LocalDate> adjustedWorkingDays() {
        return adjustedWorkingDays.keySet();
    }

    public boolean isWorkingDay(LocalDate day) {
        if (adjustedWorkingDays.containsKey(day)) {
            return true;
        }
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        return !weekend && !holidays.containsKey(day);
    }

    /**
     * The deadline "within {@code workingDays} working days of {@code start}": the end of the
     * {@code workingDays}-th working day after the local day of {@code start} (the day itself does not count),
     * as the exclusive instant where the following day begins. Left on a Friday with 3 working days: done
     * before Thursday 00:00, a holiday or adjusted working day moving it accordingly.
     */
    public Instant deadlineAfter(Instant start, int workingDays) {
        if (workingDays < 1) {
            throw new IllegalArgumentException("workingDays must be at least 1, was " + workingDays);
        }
        LocalDate day = LocalDate.ofInstant(start, zone);
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}

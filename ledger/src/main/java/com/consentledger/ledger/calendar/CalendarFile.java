package com.consentledger.ledger.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a working-day calendar. The format (documented in {@code docs/calendar.md}) is one entry per line:
 * <pre>
 * # comment
 * zone Asia/Shanghai
 * 2025-10-01 holiday National Day
 * 2025-09-28 workday Adjusted working day for National Day
 * </pre>
 * Mistakes stop the start with the line number: a date listed twice, a "holiday" on a weekend is fine but a
 * "workday" on a weekday is not (it would mean nothing, so it is probably a typo).
 */
public final class CalendarFile {

    /** The sample calendar shipped with the ledger: mainland China's holidays and adjusted working days. */
    public static final String BUNDLED_SAMPLE = "/calendar/cn-mainland.txt";

    private CalendarFile() {
    }

    public static WorkingDayCalendar load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read calendar file " + file, unreadable);
        }
    }

    public static WorkingDayCalendar bundledSample() {
        try (InputStream in = CalendarFile.class.getResourceAsStream(BUNDLED_SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled calendar " + BUNDLED_SAMPLE + " is missing from the build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUNDLED_SAMPLE);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    public static WorkingDayCalendar parse(String text, String source) {
        ZoneId zone = null;
        Map<LocalDate, String> holidays = new HashMap<>();
        Map<LocalDate, String> workdays = new HashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (index + 1) + ": ";
            String[] fields = line.split("\\s+", 3);
            if (fields[0].equals("zone")) {
                zone = zone(fields, zone, where);
                continue;
            }
            if (fields.length < 2) {
                throw new IllegalArgumentException(where + "expected '<yyyy-mm-dd> holiday|workday [name]', got '" + line + "'");
            }
            LocalDate day = date(fields[0], where);
            String name = fields.length > 2 ? fields[2] : "";
            if (holidays.containsKey(day) || workdays.containsKey(day)) {
                throw new IllegalArgumentException(where + day + " is listed twice");
            }
            switch (fields[1]) {
                case "holiday" -> holidays.put(day, name);
                case "workday" -> {
                    if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                        throw new IllegalArgumentException(where + day + " is a " + day.getDayOfWeek()
                                + ", already a working day; only weekend days can be adjusted working days");
                    }
                    workdays.put(day, name);
                }
                default -> throw new IllegalArgumentException(where + "the kind must be 'holiday' or 'workday', got '"
                        + fields[1] + "'");
            }
        }
        if (zone == null) {
            throw new IllegalArgumentException(source + ": needs a 'zone <region/city>' line, e.g. 'zone Asia/Shanghai'");
        }
        return new WorkingDayCalendar(zone, holidays, workdays);
    }

    private static ZoneId zone(String[] fields, ZoneId already, String where) {
        if (already != null) {
            throw new IllegalArgumentException(where + "the zone is set twice");
        }
        if (fields.length != 2) {
            throw new IllegalArgumentException(where + "expected 'zone <region/city>'");
        }
        try {
            return ZoneId.of(fields[1]);
        } catch (DateTimeException unknown) {
            throw new IllegalArgumentException(where + "unknown time zone '" + fields[1] + "'");
        }
    }

    private static LocalDate date(String text, String where) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException malformed) {
            throw new IllegalArgumentException(where + "'" + text + "' is not a date like 2025-10-01");
        }
    }
}

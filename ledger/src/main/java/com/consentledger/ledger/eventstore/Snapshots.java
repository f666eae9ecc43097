package com.consentledger.ledger.eventstore;

import java.util.TreeSet;
import java.util.stream.Collectors;

/** Arithmetic on PostgreSQL {@code pg_snapshot} text ({@code xmin:xmax:xip1,xip2,...}). */
final class Snapshots {

    private Snapshots() {
    }

    /** A snapshot in which a transaction is visible exactly when it is visible in both. */
    static String intersect(String a, String b) {
        Parsed first = Parsed.of(a);
        Parsed second = Parsed.of(b);
        long xmax = Math.min(first.xmax, second.xmax);
        long xmin = Math.min(first.xmin, second.xmin);
        TreeSet<Long> inProgress = new TreeSet<>();
        first.inProgress.stream().filter(x -> x < xmax).forEach(inProgress::add);
        second.inProgress.stream().filter(x -> x < xmax).forEach(inProgress::add);
        return xmin + ":" + xmax + ":" + inProgress.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private record Parsed(long xmin, long xmax, TreeSet<Long> inProgress) {
        static Parsed of(String text) {
            String[] parts = text.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a pg_snapshot: " + text);
            }
            TreeSet<Long> xip = new TreeSet<>();
            if (!parts[2].isEmpty()) {
                for (String xid : parts[2].split(",")) {
                    xip.add(Long.parseLong(xid));
                }
            }
            return new Parsed(Long.parseLong(parts[0]), Long.parseLong(parts[1]), xip);
        }
    }
}

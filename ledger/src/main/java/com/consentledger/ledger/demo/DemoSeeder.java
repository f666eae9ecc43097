package com.consentledger.ledger.demo;

import com.consentledger.ledger.application.ConsentLedger;
import com.consentledger.ledger.consent.ConsentCommand;
import com.consentledger.ledger.rules.Rule;
import com.consentledger.ledger.rules.RuleViolation;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seeds the demo policy and employees through the application service, so every seeded fact passed the same
 * rules as a real one. Seeds once: when the demo policy is already published (a restart on the same data
 * directory), nothing is added.
 */
public final class DemoSeeder {

    /** Employees seeded at once; each one's decisions run in order. */
    private static final int CONCURRENCY = 64;

    private DemoSeeder() {
    }

    /** Publishes the demo policy and the employees' decisions; answers how many decisions were recorded. */
    public static CompletableFuture<Integer> seed(ConsentLedger ledger, List<DemoEmployees.DemoEmployee> employees) {
        return ledger.publish(DemoPolicy.firstVersion())
                .thenApply(published -> true)
                .exceptionally(DemoSeeder::alreadyPublished)
                .thenCompose(firstStart -> firstStart
                        ? seedEmployees(ledger, employees)
                        : CompletableFuture.completedFuture(0));
    }

    public static List<DemoEmployees.DemoEmployee> employees(int count, Instant now) {
        return DemoEmployees.generate(count, 20200720L, now.minus(Duration.ofDays(60)));
    }

    private static boolean alreadyPublished(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof RuleViolation violation && violation.rule() == Rule.POLICY_VERSION_EXISTS) {
            return false;
        }
        throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
    }

    /** Records the employees' decisions (the policy must be published); answers how many were recorded. */
    public static CompletableFuture<Integer> seedEmployees(ConsentLedger ledger,
                                                            List<DemoEmployees.DemoEmployee> employees) {
        Iterator<DemoEmployees.DemoEmployee> next = employees.iterator();
        AtomicInteger decided = new AtomicInteger();
        CompletableFuture<?>[] workers = new CompletableFuture<?>[Math.min(CONCURRENCY, Math.max(1, employees.size()))];
        for (int worker = 0; worker < workers.length; worker++) {
            workers[worker] = seedNext(ledger, next, decided);
        }
        return CompletableFuture.allOf(workers).thenApply(done -> decided.get());
    }

    private static CompletableFuture<Void> seedNext(ConsentLedger ledger, Iterator<DemoEmployees.DemoEmployee> next,
                                                    AtomicInteger decided) {
        DemoEmployees.DemoEmployee employee;
        synchronized (next) {
            if (!next.hasNext()) {
                return CompletableFuture.completedFuture(null);
            }
            employee = next.next();
        }
        CompletableFuture<Void> decisions = CompletableFuture.completedFuture(null);
        for (ConsentCommand decision : employee.decisions()) {
            decisions = decisions.thenCompose(previous -> ledger.decide(decision))
                    .thenRun(decided::incrementAndGet);
        }
        return decisions.thenCompose(done -> seedNext(ledger, next, decided));
    }
}

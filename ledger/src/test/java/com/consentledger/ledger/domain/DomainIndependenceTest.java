package com.consentledger.ledger.domain;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The consent domain knows nothing of Vert.x, SQL or HTTP: it can be tested, replayed and moved without them. */
class DomainIndependenceTest {

    private static final String[] DOMAIN = {"com.consentledger.ledger.events..", "com.consentledger.ledger.policy..",
            "com.consentledger.ledger.subject..", "com.consentledger.ledger.consent..", "com.consentledger.ledger.access..",
            "com.consentledger.ledger.offboarding..", "com.consentledger.ledger.calendar..", "com.consentledger.ledger.rules.."};

    private static final JavaClasses LEDGER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.consentledger.ledger");

    @Test
    void the_domain_uses_no_vertx_sql_or_http() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.sql..", "javax.sql..",
                        "org.postgresql..", "org.flywaydb..", "java.net.http..", "io.netty..")
                .check(LEDGER);
    }

    @Test
    void the_domain_does_not_reach_into_the_store_or_the_application_service() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("com.consentledger.ledger.database..",
                        "com.consentledger.ledger.application..")
                .check(LEDGER);
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().haveSimpleNameStartingWith("Pg")
                .check(LEDGER);
    }
}

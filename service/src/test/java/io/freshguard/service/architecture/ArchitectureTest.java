package io.freshguard.service.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.service.chain.DeployChain;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape the modules keep: one owner of a deploy's chain record, layers that point one way in every module, and
 * four workers (intake, invalidation, probe, notifier) that meet only in audit-store.
 */
class ArchitectureTest {

    /** A deploy's chain: its status and the moments that go with it. */
    static final Set<String> CHAIN_FIELDS = Set.of("status", "statusChangedAt", "requestedAt", "invalidatedAt", "freshAt",
            "originReadyAt", "coalescedInto");
    static final List<String> WORKERS = List.of("io.freshguard.webhook..", "io.freshguard.invalidation..", "io.freshguard.probe..",
            "io.freshguard.notify..");

    static JavaClasses main;

    /** A layer of the worker and store modules ({@code io.freshguard.<module>.<layer>}); the assembly has none. */
    static String layer(String name) {
        return "io.freshguard.*." + name + "..";
    }

    @BeforeAll
    static void importMainClasses() {
        // the modules' classes, from their build directories or their jars, without the tests
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.freshguard");
    }

    @Test
    void onlyTheChainOwnerWritesAChainsFields() {
        DescribedPredicate<JavaFieldAccess> chainField = DescribedPredicate.describe("a chain field of DeployRecord",
                access -> access.getTargetOwner().isEquivalentTo(DeployRecord.class)
                        && CHAIN_FIELDS.contains(access.getTarget().getName()));
        noClasses().that().doNotBelongToAnyOf(DeployChain.class, DeployRecord.class)
                .should().setFieldWhere(chainField)
                .because("DeployChain sets a chain's status and its moments in one call, checked against ChainEvent's table")
                .check(main);
    }

    @Test
    void layersPointOneWayInEveryModule() {
        noClasses().that().resideInAPackage(layer("domain"))
                .should().dependOnClassesThat().resideInAnyPackage(layer("service"), layer("repository"), layer("rest"), layer("health"))
                .check(main);
        noClasses().that().resideInAPackage(layer("repository"))
                .should().dependOnClassesThat().resideInAnyPackage(layer("service"), layer("rest"), layer("health"))
                .check(main);
        noClasses().that().resideInAPackage(layer("service"))
                .should().dependOnClassesThat().resideInAnyPackage(layer("rest"), layer("health"))
                .check(main);
        noClasses().that().resideInAPackage(layer("config"))
                .should().dependOnClassesThat().resideInAnyPackage(layer("service"), layer("repository"), layer("rest"), layer("health"))
                .check(main);
    }

    @Test
    void theWorkersMeetOnlyInAuditStore() {
        for (String worker : WORKERS) {
            noClasses().that().resideInAPackage(worker)
                    .should().dependOnClassesThat().resideInAnyPackage(WORKERS.stream().filter(w -> !w.equals(worker))
                            .toArray(String[]::new))
                    .check(main);
        }
        noClasses().that().resideInAPackage("io.freshguard.audit..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.freshguard.webhook..", "io.freshguard.invalidation..", "io.freshguard.probe..", "io.freshguard.notify..",
                        "io.freshguard.service..")
                .check(main);
    }
}

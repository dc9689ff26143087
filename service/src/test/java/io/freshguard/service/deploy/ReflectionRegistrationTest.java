package io.freshguard.service.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.MainSources;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Native readiness without GraalVM: every answer type the service serialises where the build cannot see it (an
 * entity inside a {@code Response}, the element type of a generic {@code Page}, a record read through its components
 * for CSV) must be registered for reflection, or a native executable answers with an empty or failed body. A resource
 * method's declared return type is registered by Quarkus itself.
 */
class ReflectionRegistrationTest {

    @Test
    void everyAnswerTypeOutsideAResourceSignatureIsRegistered() throws Exception {
        List<Class<?>> classes = MainSources.classes();
        Set<Class<?>> registered = new HashSet<>();
        Set<Class<?>> declaredReturns = new HashSet<>();
        Set<String> needing = new TreeSet<>();
        for (Class<?> type : classes) {
            RegisterForReflection registration = type.getAnnotation(RegisterForReflection.class);
            if (registration != null) {
                registered.addAll(registration.targets().length == 0 ? List.of(type) : List.of(registration.targets()));
            }
            if (type.isAnnotationPresent(Path.class)) {
                for (Method method : type.getMethods()) {
                    declaredReturns.add(method.getReturnType());
                }
            }
        }
        for (Class<?> type : classes) {
            boolean answerType = type.isRecord() && (type.getPackageName().endsWith(".rest")
                    || type.getName().contains("AuditViews$") || type.getSimpleName().equals("Page"));
            if (answerType && !registered.contains(type) && !declaredReturns.contains(type)) {
                needing.add(type.getName());
            }
        }
        assertTrue(classes.size() > 100, "main classes found: " + classes.size());
        assertTrue(registered.size() >= 10, "registered: " + registered);
        assertEquals(Set.of(), needing, "serialised where the native build cannot see them, and not registered for reflection");
    }
}

package io.freshguard.service.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
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
        List<Class<?>> classes = mainClasses();
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

    /** The classes of every module's main sources, nested ones included. */
    static List<Class<?>> mainClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        List<String> names;
        try (Stream<java.nio.file.Path> files = Files.walk(ConfigReferenceTest.ROOT, 12)) {
            names = files.map(f -> f.toString().replace(java.io.File.separatorChar, '/'))
                    .filter(f -> f.endsWith(".java") && f.contains("/src/main/java/"))
                    .map(f -> f.substring(f.indexOf("/src/main/java/") + "/src/main/java/".length(), f.length() - 5).replace('/', '.'))
                    .toList();
        }
        for (String name : names) {
            Class<?> top = Class.forName(name, false, ReflectionRegistrationTest.class.getClassLoader());
            classes.add(top);
            collectNested(top, classes);
        }
        return classes;
    }

    private static void collectNested(Class<?> type, List<Class<?>> into) {
        for (Class<?> nested : type.getDeclaredClasses()) {
            into.add(nested);
            collectNested(nested, into);
        }
    }
}

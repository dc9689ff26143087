package io.freshguard.service.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The project's own production code, read from every module's {@code src/main/java}, for tests that check it whole. */
public final class MainSources {

    /** The repository root, seen from the service module the tests run in. */
    public static final Path ROOT = Path.of("..");

    private MainSources() {
    }

    /** Every class of every module's main sources, nested ones included. */
    public static List<Class<?>> classes() throws IOException, ClassNotFoundException {
        List<String> names;
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            names = files.map(f -> f.toString().replace(File.separatorChar, '/'))
                    // a module's own sources only: not an application a bench generated under bench/results
                    .filter(f -> f.matches("\\.\\./[^/]+/src/main/java/.+\\.java"))
                    .map(f -> f.substring(f.indexOf("/src/main/java/") + "/src/main/java/".length(), f.length() - 5).replace('/', '.'))
                    .toList();
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            Class<?> top = Class.forName(name, false, MainSources.class.getClassLoader());
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

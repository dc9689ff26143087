package io.freshguard.service.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.MainSources;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference (docs/configuration.md) names every key of every {@code @ConfigMapping} in the tree: a key added
 * without a line there fails here. Map keys are written as {@code <name>} there and compared as {@code *}.
 */
class ConfigReferenceTest {

    @Test
    void everyMappedKeyIsInTheReadmesReference() throws Exception {
        List<Class<?>> mappings = mappings();
        assertTrue(mappings.size() >= 7, "mappings found: " + mappings);
        Set<String> keys = new TreeSet<>();
        for (Class<?> mapping : mappings) {
            collect(mapping, mapping.getAnnotation(ConfigMapping.class).prefix(), keys);
        }
        String readme = Files.readString(MainSources.ROOT.resolve("docs/configuration.md"));
        Set<String> documented = new TreeSet<>();
        Matcher code = Pattern.compile("`(freshguard\\.[^`\\s=]+)`").matcher(readme);
        while (code.find()) {
            documented.add(code.group(1).replaceAll("<[^>]+>", "*"));
        }
        Set<String> missing = new TreeSet<>(keys);
        missing.removeAll(documented);
        assertEquals(Set.of(), missing, "keys missing from the configuration reference (docs/configuration.md)");
        assertTrue(keys.contains("freshguard.sites.*.assets.*.url") && keys.contains("freshguard.probe.resolve"), keys.toString());
    }

    /** Every interface in the tree's main sources annotated {@code @ConfigMapping}. */
    static List<Class<?>> mappings() throws IOException, ClassNotFoundException {
        return MainSources.classes().stream().filter(type -> type.isAnnotationPresent(ConfigMapping.class)).toList();
    }

    private static void collect(Class<?> type, String prefix, Set<String> keys) {
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName named = method.getAnnotation(WithName.class);
            String name = named != null ? named.value() : method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            add(prefix + "." + name, method.getGenericReturnType(), keys);
        }
    }

    private static void add(String key, Type type, Set<String> keys) {
        Class<?> raw = raw(type);
        if (raw == Optional.class) {
            add(key, ((ParameterizedType) type).getActualTypeArguments()[0], keys);
        } else if (raw == Map.class) {
            add(key + ".*", ((ParameterizedType) type).getActualTypeArguments()[1], keys);
        } else if (raw.isInterface() && raw.getName().startsWith("io.freshguard")) {
            collect(raw, key, keys);
        } else {
            keys.add(key);
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }
}

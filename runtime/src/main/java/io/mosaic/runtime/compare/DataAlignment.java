package io.mosaic.runtime.compare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The {@code --set} overrides that make the assemblies of a refused comparison read the same data, so that its error
 * can name a command that works. Aligning the task also changes the metrics the runs report, so an assembly may need
 * another selection metric as well.
 */
public final class DataAlignment {

    private DataAlignment() {
    }

    /**
     * The first overrides under which {@code works} holds: every assembly on the reference's data, else on each
     * other assembly's data in turn; each first without, then with the selection metric of the assembly whose data
     * they read.
     *
     * @param data      each assembly's data, the reference first
     * @param selection each assembly's selection metric
     * @param works     whether every assembly, with the overrides added, resolves and reads the same data
     */
    public static Optional<List<String>> find(Map<String, DataIdentity> data, Map<String, String> selection,
                                              Predicate<List<String>> works) {
        for (Map.Entry<String, DataIdentity> target : data.entrySet()) {
            Set<String> settings = new LinkedHashSet<>();
            data.values().forEach(identity -> settings.addAll(identity.settingsToRead(target.getValue())));
            List<String> dataAlone = List.copyOf(settings);
            List<String> withMetric = new ArrayList<>(dataAlone);
            withMetric.add("train.select.metric=" + selection.get(target.getKey()));
            for (List<String> candidate : List.of(dataAlone, withMetric)) {
                if (works.test(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code --set a=1 --set 'b=[1, 2]'}: the overrides as command-line words, quoted for a shell where needed. */
    public static String asOptions(List<String> settings) {
        return settings.stream().map(setting -> "--set " + (setting.matches("[A-Za-z0-9._:/@+=-]+") ? setting
                : "'" + setting.replace("'", "'\\''") + "'")).collect(Collectors.joining(" "));
    }
}

package io.mosaic.runtime.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mosaic.runtime.data.TestbedFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an assembly's {@code data:} block with several files as domains, or with {@code labels: file}, is refused. */
class DataDomainsTest {
    private static final String FILE = "experiments/dg.yaml";

    @TempDir
    Path folder;
    private String a;
    private String b;

    @BeforeEach
    void files() {
        a = TestbedFiles.export(folder, "a.npz", 0).toString();
        b = TestbedFiles.export(folder, "b.npz", 1).toString();
    }

    private String assembly(String data) {
        return """
                name: dg
                pipeline: baseline
                data:
                  source: npz
                %s
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - cross-entropy
                """.formatted(data.indent(2).stripTrailing());
    }

    private AssemblyException rejected(String data) {
        AssemblyException e = catchThrowableOfType(AssemblyException.class,
                () -> Assemblies.resolve(InstalledComponents.builtIn(), FILE, assembly(data)));
        assertThat(e).as("resolving should fail").isNotNull();
        return e;
    }

    @Test
    void aDomainThatIsNoFileIsRefusedAtItsLine() {
        AssemblyException e = rejected("""
                files: [%s, %s]
                train-domains: [0]
                test-domains: [1, 2]
                task: classes-3""".formatted(a, b));

        assertThat(e).hasMessage(FILE + ":7: data: parameter 'test-domains': domain 2 is not one of files, whose "
                + "domains are 0 to 1");
    }

    @Test
    void fileLabelsNeedTheThreeClassTask() {
        AssemblyException e = rejected("""
                file: %s
                labels: file
                task: classes-7""".formatted(a));

        assertThat(e).hasMessage(FILE + ":6: data: labels: 'file' reads MMSA's 3 classes (negative, neutral, "
                + "positive) from classification_labels; it needs task: classes-3, found classes-7");
    }

    @Test
    void severalFilesResolveWithTheTargetsHeldOut() {
        ResolvedAssembly resolved = Assemblies.resolve(InstalledComponents.builtIn(), FILE, assembly("""
                files: [%s, %s]
                train-domains: [0]
                test-domains: [1]
                task: classes-3
                labels: file""".formatted(a, b)));

        assertThat(resolved.dataset().description()).isEqualTo("npz a.npz, b.npz (train domains [0], test domains "
                + "[1])");
        assertThat(resolved.dataset().domainTests()).containsExactly("source", "target-1");
        assertThat(resolved.dataset().classesFromFile()).isTrue();
    }
}

package io.mosaic.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.assembly.AssemblyCatalog;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.AssemblyLoader;
import io.mosaic.runtime.assembly.AssemblyText;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** What an HTTP request may name as an assembly: no file at all without a folder, and none outside it. */
class ServedAssembliesTest {
    /** A framework with no bundle: no assembly is installed. */
    private static final AssemblyCatalog NONE_INSTALLED = new AssemblyCatalog((BundleContext) Proxy.newProxyInstance(
            BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (method.getName().equals("getBundles")) {
                    return new Bundle[0];
                }
                throw new UnsupportedOperationException(method.getName());
            }));

    @TempDir
    Path work;

    @Test
    void withoutAFolderNoFileIsRead() {
        ServedAssemblies served = new ServedAssemblies(() -> NONE_INSTALLED, Optional.empty());

        assertThatThrownBy(() -> served.apply("/etc/passwd"))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("/etc/passwd: no installed assembly named '/etc/passwd' (installed: none); over HTTP an "
                        + "assembly is an installed name or YAML text: files are read only when serve is started "
                        + "with --assemblies DIR");
    }

    @Test
    void aFileInsideTheFolderIsReadAndItsExtendsStaysInside() throws IOException {
        Path folder = Files.createDirectories(work.resolve("assemblies"));
        Files.writeString(folder.resolve("base.yaml"), "name: base\npipeline: baseline\ndata: { source: testbed }\n");
        Path child = Files.writeString(folder.resolve("child.yaml"), "extends: base.yaml\nname: child\n");
        ServedAssemblies served = new ServedAssemblies(() -> NONE_INSTALLED, Optional.of(folder));

        AssemblyText text = served.apply("child.yaml");

        assertThat(text.source()).isEqualTo(child.toRealPath().toString());
        assertThat(new AssemblyLoader(served).load(text).name()).isEqualTo("child");
    }

    @Test
    void pathsThatLeaveTheFolderAreRefusedWithoutReadingThem() throws IOException {
        Path folder = Files.createDirectories(work.resolve("assemblies"));
        Path secret = Files.writeString(work.resolve("secret.yaml"), "name: secret-value\n");
        Files.createSymbolicLink(folder.resolve("link.yaml"), secret);
        Files.writeString(folder.resolve("sneaky.yaml"), "extends: /etc/passwd\nname: sneaky\n");
        ServedAssemblies served = new ServedAssemblies(() -> NONE_INSTALLED, Optional.of(folder));

        assertThatThrownBy(() -> served.apply("../secret.yaml")).hasMessageContaining("is outside the assemblies "
                + "folder").hasMessageNotContaining("secret-value");
        assertThatThrownBy(() -> served.apply(secret.toString())).hasMessageContaining("is outside");
        assertThatThrownBy(() -> served.apply("link.yaml")).hasMessageContaining("is outside");
        assertThatThrownBy(() -> new AssemblyLoader(served).load(served.apply("sneaky.yaml")))
                .hasMessageEndingWith(":1: extends: refused: '/etc/passwd' is outside the assemblies folder "
                        + folder.toRealPath() + ", the only folder served assemblies are read from")
                .hasMessageNotContaining("root:");
    }
}

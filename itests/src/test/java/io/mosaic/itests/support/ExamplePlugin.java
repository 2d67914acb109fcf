package io.mosaic.itests.support;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds the third-party example ({@code examples/third-party-plugin}) as its own Maven build would: its main sources
 * compiled against the api and DJL, its resources added, and its own {@code bnd.bnd} applied by bndlib. The example's
 * Maven build needs the api installed in a Maven repository, which a reactor {@code verify} does not do; this builds
 * the same bundle from the same files inside the test.
 */
public final class ExamplePlugin {
    private static final Path PROJECT = Path.of(System.getProperty("mosaic.itest.examples", "../examples"))
            .resolve("third-party-plugin");

    private ExamplePlugin() {
    }

    /** The example's bundle, version {@code 1.0.0} as its pom says, written into {@code work}. */
    public static Path build(Path work) throws Exception {
        Path classes = Files.createDirectories(work.resolve("example-classes"));
        compile(PROJECT.resolve("src/main/java"), classes);
        copy(PROJECT.resolve("src/main/resources"), classes);
        Properties bnd = new Properties();
        try (var in = Files.newBufferedReader(PROJECT.resolve("bnd.bnd"))) {
            bnd.load(in);
        }
        Path jarFile = work.resolve("tensor-fusion-1.0.0.jar");
        try (Builder builder = new Builder(); Jar content = new Jar(classes.toFile())) {
            builder.setProperties(bnd);
            builder.setProperty(Constants.BUNDLE_VERSION, "1.0.0");
            builder.setProperty(Constants.DSANNOTATIONS, "*");
            builder.setJar(content);
            builder.setClasspath(classpath().stream().map(File::new).toArray(File[]::new));
            try (Jar jar = builder.build()) {
                if (!builder.isOk()) {
                    throw new IllegalStateException("bnd could not build the example: " + builder.getErrors());
                }
                jar.write(jarFile.toFile());
            }
        }
        return jarFile;
    }

    private static void compile(Path sources, Path classes) throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        List<String> options = List.of("--release", "17", "-classpath", String.join(File.pathSeparator, classpath()),
                "-d", classes.toString());
        boolean compiled = compiler.getTask(errors, null, null, options, null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjectsFromStrings(files)).call();
        if (!compiled) {
            throw new IllegalStateException("the example does not compile against this api: " + errors);
        }
    }

    private static void copy(Path resources, Path classes) throws IOException {
        try (Stream<Path> walk = Files.walk(resources)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = classes.resolve(resources.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static List<String> classpath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }
}

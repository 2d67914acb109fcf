package io.mosaic.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code mosaic:help}: every shell command explains itself. */
class ShellCommandsTest {
    private final ShellCommands commands = new ShellCommands(null);

    @Test
    void everyCommandThatGogoOffersHasAHelpText() {
        for (Method method : ShellCommands.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
                assertThat(ShellCommands.FUNCTIONS).as("Gogo offers %s", method.getName()).contains(method.getName());
                assertThat(method.getAnnotation(ShellHelp.class)).as("the help of %s", method).isNotNull();
            }
        }
        assertThat(ShellCommands.FUNCTIONS).allSatisfy(function -> assertThat(Arrays.stream(
                ShellCommands.class.getMethods()).anyMatch(m -> m.getName().equals(function))).isTrue());
    }

    @Test
    void helpListsEveryCommandWithItsUsageAndWhatItDoes() {
        String help = commands.help();

        assertThat(help).startsWith("mosaic:run ASSEMBLY [KEY=VALUE ...]\n    Queue a run of an installed assembly");
        assertThat(help).contains("mosaic:compare SEEDS ASSEMBLY ASSEMBLY... [KEY=VALUE ...]\n",
                "mosaic:components\n", "mosaic:assemblies\n", "mosaic:status\n", "mosaic:status JOB\n",
                "mosaic:help\n", "mosaic:help COMMAND\n");
    }

    @Test
    void helpOfOneCommandShowsItsUsages() {
        assertThat(commands.help("status")).isEqualTo(commands.help("mosaic:status")).isEqualTo("""
                mosaic:status
                    Show the runtime's health and every job with its state and progress.
                mosaic:status JOB
                    Show one job's progress, then its metrics or why it failed.
                """);
        assertThatThrownBy(() -> commands.help("stop")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no command mosaic:stop; commands: run, compare, components, assemblies, status, cancel, help");
    }
}

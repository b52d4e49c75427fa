package io.tailpost.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tailpost.launcher.CommandLine.Command;
import io.tailpost.launcher.CommandLine.UsageException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void runWithoutConfigMeansTheDefaultFile() throws Exception {
        CommandLine line = CommandLine.parse(List.of("run"));

        assertThat(line.command()).isEqualTo(Command.RUN);
        assertThat(line.file()).isNull();
    }

    @Test
    void runTakesTheConfigFileInEveryForm() throws Exception {
        assertThat(CommandLine.parse(List.of("run", "-c", "a.yaml")).file()).isEqualTo(Path.of("a.yaml"));
        assertThat(CommandLine.parse(List.of("run", "--config", "b.yaml")).file()).isEqualTo(Path.of("b.yaml"));
        assertThat(CommandLine.parse(List.of("run", "--config=/etc/c.yaml")).file()).isEqualTo(Path.of("/etc/c.yaml"));
    }

    @Test
    void runRejectsAMissingOrRepeatedOrUnknownArgument() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("run", "-c")))
                .isInstanceOf(UsageException.class).hasMessageContaining("-c needs a FILE");
        assertThatThrownBy(() -> CommandLine.parse(List.of("run", "--config=")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--config needs a FILE");
        assertThatThrownBy(() -> CommandLine.parse(List.of("run", "-c", "a.yaml", "-c", "b.yaml")))
                .isInstanceOf(UsageException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> CommandLine.parse(List.of("run", "a.yaml")))
                .isInstanceOf(UsageException.class).hasMessageContaining("unexpected argument 'a.yaml'");
    }

    @Test
    void validateTakesExactlyOneFile() throws Exception {
        CommandLine line = CommandLine.parse(List.of("validate", "conf/tailpost.yaml"));

        assertThat(line.command()).isEqualTo(Command.VALIDATE);
        assertThat(line.file()).isEqualTo(Path.of("conf/tailpost.yaml"));
        assertThatThrownBy(() -> CommandLine.parse(List.of("validate")))
                .isInstanceOf(UsageException.class).hasMessageContaining("exactly one FILE");
        assertThatThrownBy(() -> CommandLine.parse(List.of("validate", "a.yaml", "b.yaml")))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> CommandLine.parse(List.of("validate", "--strict")))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void versionAndHelpTakeNoArguments() throws Exception {
        assertThat(CommandLine.parse(List.of("version")).command()).isEqualTo(Command.VERSION);
        assertThat(CommandLine.parse(List.of("--help")).command()).isEqualTo(Command.HELP);
        assertThatThrownBy(() -> CommandLine.parse(List.of("version", "x")))
                .isInstanceOf(UsageException.class).hasMessageContaining("unexpected argument 'x'");
    }

    @Test
    void rejectsAnUnknownOrMissingCommand() {
        assertThatThrownBy(() -> CommandLine.parse(List.of()))
                .isInstanceOf(UsageException.class).hasMessage("missing command");
        assertThatThrownBy(() -> CommandLine.parse(List.of("start")))
                .isInstanceOf(UsageException.class).hasMessage("unknown command 'start'");
    }
}

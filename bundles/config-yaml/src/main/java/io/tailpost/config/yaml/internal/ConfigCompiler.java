package io.tailpost.config.yaml.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole way from configuration text to the configurations it asks for: parse
 * ({@link YamlTreeReader}), interpolate ({@link Interpolator}), validate
 * ({@link ConfigValidator}). Used alike by the loader and the validation service.
 */
final class ConfigCompiler {
    private final YamlTreeReader reader = new YamlTreeReader();
    private final Interpolator interpolator;
    private final ConfigValidator validator;

    ConfigCompiler(Map<String, String> environment, PluginCatalog catalog, Path home, Path defaultDataDir) {
        this.interpolator = new Interpolator(environment);
        this.validator = new ConfigValidator(catalog, home, defaultDataDir);
    }

    /** Compiles {@code content}; {@code file} is the name problems carry. */
    Compilation compile(String file, String content) {
        Problems problems = new Problems(file);
        YamlNode tree = reader.read(content, problems);
        if (tree == null) {
            return new Compilation(problems.sorted(), DesiredState.EMPTY);
        }
        YamlNode interpolated = interpolator.interpolate(tree, "", problems);
        DesiredState state = validator.validate(interpolated, problems);
        return new Compilation(problems.sorted(), problems.hasErrors() ? DesiredState.EMPTY : state);
    }

    /** Reads and compiles the file at {@code path}; {@code file} is the name problems carry. */
    Compilation compile(String file, Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            return unreadable(file, e);
        }
        return compile(file, bytes);
    }

    /** Compiles file content given as bytes, which must be UTF-8. */
    Compilation compile(String file, byte[] bytes) {
        try {
            String content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return compile(file, content);
        } catch (CharacterCodingException e) {
            Problems problems = new Problems(file);
            problems.error(Mark.NONE, "the file is not valid UTF-8 text");
            return new Compilation(problems.sorted(), DesiredState.EMPTY);
        }
    }

    static Compilation unreadable(String file, IOException e) {
        Problems problems = new Problems(file);
        problems.error(Mark.NONE, "cannot read the file: " + describe(e));
        return new Compilation(problems.sorted(), DesiredState.EMPTY);
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

package io.tailpost.config.yaml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ScalarConverterTest {
    private static final Mark AT = new Mark(1, 1);

    private static YamlScalar text(String s) {
        return YamlScalar.string(s, AT);
    }

    private static YamlScalar number(long n) {
        return new YamlScalar(n, Long.toString(n), AT, false);
    }

    @Test
    void convertsToEachType() {
        assertThat(ScalarConverter.convert(number(7), AttributeType.STRING)).isEqualTo("7");
        assertThat(ScalarConverter.convert(new YamlScalar(true, "yes", AT, false), AttributeType.STRING))
                .isEqualTo("yes");
        assertThat(ScalarConverter.convert(text(" 42 "), AttributeType.INTEGER)).isEqualTo(42);
        assertThat(ScalarConverter.convert(number(42), AttributeType.LONG)).isEqualTo(42L);
        assertThat(ScalarConverter.convert(number(-3), AttributeType.SHORT)).isEqualTo((short) -3);
        assertThat(ScalarConverter.convert(number(3), AttributeType.BYTE)).isEqualTo((byte) 3);
        assertThat(ScalarConverter.convert(number(3), AttributeType.DOUBLE)).isEqualTo(3.0);
        assertThat(ScalarConverter.convert(text("0.25"), AttributeType.FLOAT)).isEqualTo(0.25f);
        assertThat(ScalarConverter.convert(text("FALSE"), AttributeType.BOOLEAN)).isEqualTo(false);
        assertThat(ScalarConverter.convert(text(","), AttributeType.CHARACTER)).isEqualTo(',');
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ScalarConverter.convert(number(3_000_000_000L), AttributeType.INTEGER))
                .withMessage("expected an integer between -2147483648 and 2147483647, got '3000000000'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ScalarConverter.convert(text("maybe"), AttributeType.BOOLEAN))
                .withMessage("expected true or false, got 'maybe'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ScalarConverter.convert(new YamlScalar(true, "true", AT, false), AttributeType.LONG))
                .withMessage("expected an integer, got 'true'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ScalarConverter.convert(text("ab"), AttributeType.CHARACTER))
                .withMessage("expected a single character, got 'ab'");
    }

    @Test
    void keepsYamlTypesForRawValues() {
        assertThat(ScalarConverter.raw(number(5))).isEqualTo(5L);
        assertThat(ScalarConverter.raw(new YamlScalar(1.5, "1.5", AT, false))).isEqualTo(1.5);
        assertThat(ScalarConverter.raw(text("x"))).isEqualTo("x");
    }
}

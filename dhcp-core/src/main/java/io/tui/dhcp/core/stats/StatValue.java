package io.tui.dhcp.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/** One value of a statistic, of one of Kea's four kinds. */
public sealed interface StatValue {

    /** The kind of this value. */
    StatKind kind();

    /** The value as Kea prints it inside a sample: integer, double, duration text or string. */
    JsonNode toJson();

    /** The neutral value Kea's reset gives a statistic of the kind: 0, 0.0, duration 0 or "". */
    static StatValue neutral(StatKind kind) {
        return switch (kind) {
            case INTEGER -> new IntegerValue(0);
            case BIG_INTEGER -> new BigIntegerValue(BigInteger.ZERO);
            case FLOAT -> new FloatValue(0.0);
            case DURATION -> new DurationValue(Duration.ZERO);
            case STRING -> new StringValue("");
        };
    }

    /** A 64-bit integer value. */
    record IntegerValue(long value) implements StatValue {
        @Override
        public StatKind kind() {
            return StatKind.INTEGER;
        }

        @Override
        public JsonNode toJson() {
            // The node a JSON parser gives for the same text, so trees compare equal after a round trip.
            return value == (int) value
                    ? JsonNodeFactory.instance.numberNode((int) value)
                    : JsonNodeFactory.instance.numberNode(value);
        }
    }

    /** A 128-bit integer value (Kea's big integer statistics). */
    record BigIntegerValue(BigInteger value) implements StatValue {
        public BigIntegerValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public StatKind kind() {
            return StatKind.BIG_INTEGER;
        }

        @Override
        public JsonNode toJson() {
            int bits = value.bitLength();
            if (bits < 32) {
                return JsonNodeFactory.instance.numberNode(value.intValue());
            }
            if (bits < 64) {
                return JsonNodeFactory.instance.numberNode(value.longValue());
            }
            return JsonNodeFactory.instance.numberNode(value);
        }
    }

    /** A floating point value. */
    record FloatValue(double value) implements StatValue {
        @Override
        public StatKind kind() {
            return StatKind.FLOAT;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.numberNode(value);
        }
    }

    /** A duration, kept to microsecond precision as Kea's boost time_duration is. */
    record DurationValue(Duration value) implements StatValue {
        public DurationValue {
            Objects.requireNonNull(value, "value");
            value = value.withNanos((value.getNano() / 1000) * 1000);
        }

        @Override
        public StatKind kind() {
            return StatKind.DURATION;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.textNode(text(value));
        }

        /** Kea's duration text: {@code HH:MM:SS.ffffff}, hours not wrapped at 24, a leading '-' when negative. */
        public static String text(Duration d) {
            boolean negative = d.isNegative();
            Duration abs = d.abs();
            long hours = abs.toHours();
            int minutes = abs.toMinutesPart();
            int seconds = abs.toSecondsPart();
            int micros = abs.toNanosPart() / 1000;
            return String.format("%s%02d:%02d:%02d.%06d", negative ? "-" : "", hours, minutes, seconds, micros);
        }
    }

    /** A text value. */
    record StringValue(String value) implements StatValue {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public StatKind kind() {
            return StatKind.STRING;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.textNode(value);
        }
    }
}

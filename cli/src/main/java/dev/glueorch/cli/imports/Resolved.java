package dev.glueorch.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a template value is once its intrinsic functions are evaluated with the parameters given: a value, no value
 * at all ({@code Ref AWS::NoValue}: CloudFormation removes the property), or not determinable from the template and
 * the parameters ({@code Fn::GetAtt}, {@code Fn::ImportValue}, a pseudo parameter not given, ...), with why and what
 * would determine it.
 */
sealed interface Resolved permits Resolved.Known, Resolved.NoValue, Resolved.Unknown {

    static Resolved known(JsonNode value) {
        return new Known(value);
    }

    static Resolved unknown(String cause) {
        return new Unknown(List.of(cause));
    }

    /** A value; a container's members may still hold intrinsic functions (each is resolved where it is read). */
    record Known(JsonNode value) implements Resolved {
    }

    /** {@code Ref AWS::NoValue}. */
    record NoValue() implements Resolved {
    }

    /** Not determinable; each cause says what is missing and what to provide. */
    record Unknown(List<String> causes) implements Resolved {

        public Unknown {
            causes = List.copyOf(new LinkedHashSet<>(causes));
        }

        /** The causes of every unknown one of {@code values}. */
        static Unknown of(List<Resolved> values) {
            Set<String> causes = new LinkedHashSet<>();
            for (Resolved value : values) {
                if (value instanceof Unknown unknown) {
                    causes.addAll(unknown.causes());
                }
            }
            return new Unknown(new ArrayList<>(causes));
        }

        /** Each cause prefixed with what it determines ({@code Condition IsProd is undetermined: ...}). */
        Unknown because(String what) {
            return new Unknown(causes.stream().map(cause -> what + ": " + cause).toList());
        }

        /** The causes as one sentence. */
        String text() {
            return String.join("; ", causes);
        }
    }
}

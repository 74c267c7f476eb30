package dev.glueorch.cli.ops;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an {@code --*endpoint-url} as the SDK needs it: an absolute http(s) URL. A bare word (say, a host name
 * without {@code http://}) is a valid relative URI, which the SDK would only refuse later with a stack trace.
 */
public final class EndpointUrlConverter implements ITypeConverter<URI> {

    @Override
    public URI convert(String value) {
        try {
            URI uri = new URI(value);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below, with the same advice
        }
        throw new TypeConversionException("'" + value + "' is not a URL: give an absolute http(s) URL with a host, "
                + "such as http://localhost:8000");
    }
}

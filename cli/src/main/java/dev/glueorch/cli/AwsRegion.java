package dev.glueorch.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** The Region a command talks to, as the AWS CLI finds it. */
public final class AwsRegion {

    private AwsRegion() {
    }

    /** {@code --region}, else the SDK's default chain (AWS_REGION, the profile); a usage error when neither. */
    public static Region resolve(String region, CommandLine commandLine) {
        if (region != null) {
            return Region.of(region);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new ParameterException(commandLine, "no AWS Region: pass --region, or set AWS_REGION or a region "
                    + "in your AWS profile");
        }
    }
}

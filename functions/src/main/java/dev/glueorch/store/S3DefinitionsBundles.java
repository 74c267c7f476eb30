package dev.glueorch.store;

import dev.glueorch.contract.DefinitionsBundle;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Reads the definitions bundle that the CDK app uploaded as an asset. */
public final class S3DefinitionsBundles {

    private final S3Client s3;

    public S3DefinitionsBundles(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * @throws IllegalArgumentException when the object is missing or is no bundle
     * @throws SdkException             when S3 cannot be read (access denied, ...)
     */
    public DefinitionsBundle read(String bucket, String key) {
        String where = "s3://" + bucket + "/" + key;
        try {
            return DefinitionsBundle.parse(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(), where);
        } catch (NoSuchKeyException e) {
            throw new IllegalArgumentException("the definitions bundle " + where + " does not exist: the asset was not "
                    + "published; deploy with `cdk deploy`, which uploads the assets before the stack", e);
        }
    }
}

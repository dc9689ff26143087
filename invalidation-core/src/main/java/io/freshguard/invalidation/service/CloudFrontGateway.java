package io.freshguard.invalidation.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.GetInvalidationResponse;

/** The three CloudFront operations Freshguard uses, with every failure classified instead of thrown. */
@ApplicationScoped
public class CloudFrontGateway {

    private static final Set<String> REFUSALS = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch", "AccessDenied",
            "AccessDeniedException", "NoSuchDistribution", "ExpiredToken", "ExpiredTokenException",
            "UnrecognizedClientException", "InvalidAccessKeyId", "MissingAuthenticationToken", "IncompleteSignature",
            "NotAuthorized", "OptInRequired", "NoCredentials");
    private static final Set<String> WAITS = Set.of("Throttling", "ThrottlingException", "TooManyRequestsException",
            "RequestLimitExceeded", "TooManyInvalidationsInProgress", "RequestTimeout", "ServiceUnavailable",
            "InternalFailure", "InternalError");
    private static final int MAX_MESSAGE = 300;

    private final CloudFrontClient client;

    public CloudFrontGateway(CloudFrontClient client) {
        this.client = client;
    }

    public CloudFrontAnswer create(String distributionId, String callerReference, List<String> paths) {
        try {
            CreateInvalidationResponse response = client.createInvalidation(r -> r
                    .distributionId(distributionId)
                    .invalidationBatch(b -> b
                            .callerReference(callerReference)
                            .paths(p -> p.quantity(paths.size()).items(paths))));
            return new CloudFrontAnswer.Accepted(response.invalidation().id(), response.invalidation().status());
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    public CloudFrontAnswer get(String distributionId, String invalidationId) {
        try {
            GetInvalidationResponse response = client.getInvalidation(r -> r.distributionId(distributionId).id(invalidationId));
            return new CloudFrontAnswer.Accepted(response.invalidation().id(), response.invalidation().status());
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    /** The canary: a read-only call that needs the same credentials and permission family as the real work. */
    public CloudFrontAnswer probeAccess(String distributionId) {
        try {
            client.listInvalidations(r -> r.distributionId(distributionId).maxItems("1"));
            return new CloudFrontAnswer.Accepted(null, "ok");
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    static CloudFrontAnswer classify(RuntimeException failure) {
        if (failure instanceof CloudFrontException e && e.awsErrorDetails() != null) {
            String code = e.awsErrorDetails().errorCode() == null ? "HTTP" + e.statusCode() : e.awsErrorDetails().errorCode();
            String message = shorten(e.awsErrorDetails().errorMessage());
            int status = e.statusCode();
            if (REFUSALS.contains(code) || status == 401 || status == 403) {
                return new CloudFrontAnswer.Refused(code, message);
            }
            if (WAITS.contains(code) || status == 429 || status >= 500) {
                return new CloudFrontAnswer.Wait(code, message);
            }
            return new CloudFrontAnswer.Rejected(code, message);
        }
        if (failure instanceof SdkClientException e) {
            String message = shorten(e.getMessage());
            if (message.contains("Unable to load credentials")) {
                return new CloudFrontAnswer.Refused("NoCredentials", message);
            }
            return new CloudFrontAnswer.Wait("NetworkError", message);
        }
        throw failure;
    }

    private static String shorten(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }
}

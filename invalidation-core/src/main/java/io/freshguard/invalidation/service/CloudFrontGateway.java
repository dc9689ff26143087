package io.freshguard.invalidation.service;

import io.freshguard.audit.config.PurgeTarget;
import io.freshguard.audit.domain.CdnVendor;
import io.freshguard.invalidation.config.CloudFrontConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.GetInvalidationResponse;

/** The purge port on CloudFront: CreateInvalidation, GetInvalidation and ListInvalidations as the canary. */
@ApplicationScoped
public class CloudFrontGateway implements PurgeGateway {

    private static final Set<String> REFUSALS = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch", "AccessDenied",
            "AccessDeniedException", "NoSuchDistribution", "ExpiredToken", "ExpiredTokenException",
            "UnrecognizedClientException", "InvalidAccessKeyId", "MissingAuthenticationToken", "IncompleteSignature",
            "NotAuthorized", "OptInRequired", "NoCredentials");
    private static final Set<String> WAITS = Set.of("Throttling", "ThrottlingException", "TooManyRequestsException",
            "RequestLimitExceeded", "TooManyInvalidationsInProgress", "RequestTimeout", "ServiceUnavailable",
            "InternalFailure", "InternalError");

    private final CloudFrontClient client;
    private final CloudFrontConfig config;

    public CloudFrontGateway(CloudFrontClient client, CloudFrontConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public CdnVendor vendor() {
        return CdnVendor.CLOUDFRONT;
    }

    /** CloudFront bills paths and limits wildcards: many paths under one prefix become prefix/*, then its limits apply. */
    @Override
    public List<List<String>> split(PurgeTarget target, List<String> items) {
        return InvalidationPaths.split(InvalidationPaths.collapse(items, config.wildcardThreshold()));
    }

    @Override
    public PurgeAnswer purge(PurgeTarget target, String callerReference, List<String> paths) {
        String distributionId = target.id();
        try {
            CreateInvalidationResponse response = client.createInvalidation(r -> r
                    .distributionId(distributionId)
                    .invalidationBatch(b -> b
                            .callerReference(callerReference)
                            .paths(p -> p.quantity(paths.size()).items(paths))));
            return accepted(response.invalidation().id(), response.invalidation().status());
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    @Override
    public PurgeAnswer follow(PurgeTarget target, String invalidationId) {
        try {
            GetInvalidationResponse response = client.getInvalidation(r -> r.distributionId(target.id()).id(invalidationId));
            return accepted(response.invalidation().id(), response.invalidation().status());
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    /** A read-only call that needs the same credentials and permission family; an IAM key tells no expiry. */
    @Override
    public AccessCheck checkAccess(PurgeTarget target) {
        try {
            client.listInvalidations(r -> r.distributionId(target.id()).maxItems("1"));
            return new AccessCheck(new PurgeAnswer.Accepted(null, "ok", false), Optional.empty());
        } catch (RuntimeException e) {
            return new AccessCheck(classify(e), Optional.empty());
        }
    }

    private static PurgeAnswer.Accepted accepted(String id, String status) {
        return new PurgeAnswer.Accepted(id, status, "Completed".equals(status));
    }

    static PurgeAnswer classify(RuntimeException failure) {
        if (failure instanceof CloudFrontException e && e.awsErrorDetails() != null) {
            String code = e.awsErrorDetails().errorCode() == null ? "HTTP" + e.statusCode() : e.awsErrorDetails().errorCode();
            String message = PurgeAnswer.shorten(e.awsErrorDetails().errorMessage());
            int status = e.statusCode();
            if (REFUSALS.contains(code) || status == 401 || status == 403) {
                return new PurgeAnswer.Refused(code, message);
            }
            if (WAITS.contains(code) || status == 429 || status >= 500) {
                return new PurgeAnswer.Wait(code, message);
            }
            return new PurgeAnswer.Rejected(code, message);
        }
        if (failure instanceof SdkClientException e) {
            String message = PurgeAnswer.shorten(e.getMessage());
            if (message.contains("Unable to load credentials")) {
                return new PurgeAnswer.Refused("NoCredentials", message);
            }
            return new PurgeAnswer.Wait("NetworkError", message);
        }
        throw failure;
    }
}

package io.freshguard.invalidation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;

/** How a CloudFront failure becomes what the worker does: refused (a human), wait (retry), or rejected (give up). */
class CloudFrontClassificationTest {

    static CloudFrontException failure(int status, String code, String message) {
        return (CloudFrontException) CloudFrontException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void credentialsPermissionsAndMissingDistributionsAreRefusals() {
        for (String code : new String[] {"InvalidClientTokenId", "SignatureDoesNotMatch", "AccessDenied", "NoSuchDistribution"}) {
            PurgeAnswer answer = CloudFrontGateway.classify(failure(code.equals("NoSuchDistribution") ? 404 : 403, code, "no"));
            assertEquals(new PurgeAnswer.Refused(code, "no"), answer, code);
        }
        assertEquals(new PurgeAnswer.Refused("Whatever", "x"), CloudFrontGateway.classify(failure(401, "Whatever", "x")));
    }

    @Test
    void throttlingServerErrorsAndTheNetworkAreWaits() {
        assertEquals(new PurgeAnswer.Wait("Throttling", "slow down"), CloudFrontGateway.classify(failure(400, "Throttling", "slow down")));
        assertEquals(new PurgeAnswer.Wait("ServiceUnavailable", "x"), CloudFrontGateway.classify(failure(503, "ServiceUnavailable", "x")));
        assertEquals(new PurgeAnswer.Wait("Odd", "x"), CloudFrontGateway.classify(failure(429, "Odd", "x")));
        PurgeAnswer network = CloudFrontGateway.classify(SdkClientException.create("Connection refused"));
        assertEquals("NetworkError", ((PurgeAnswer.Wait) network).code());
        PurgeAnswer noKeys = CloudFrontGateway.classify(SdkClientException.create("Unable to load credentials from any provider"));
        assertEquals("NoCredentials", ((PurgeAnswer.Refused) noKeys).code());
    }

    @Test
    void aBadRequestIsRejectedAndAnythingElseIsNotSwallowed() {
        assertEquals(new PurgeAnswer.Rejected("InvalidArgument", "bad path"),
                CloudFrontGateway.classify(failure(400, "InvalidArgument", "bad path")));
        IllegalStateException bug = new IllegalStateException("a bug of ours");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> CloudFrontGateway.classify(bug)));
    }
}

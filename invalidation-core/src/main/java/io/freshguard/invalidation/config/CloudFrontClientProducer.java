package io.freshguard.invalidation.config;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClientBuilder;

/**
 * The CloudFront client, built by hand (there is no Quarkiverse extension): URL-connection HTTP client (small,
 * native-friendly), the default credentials chain, and no SDK retries, because the worker retries itself and
 * records every attempt.
 */
@Singleton
public class CloudFrontClientProducer {

    @Produces
    @Singleton
    CloudFrontClient cloudFrontClient(CloudFrontConfig config, PurgeConfig purges) {
        CloudFrontClientBuilder builder = CloudFrontClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(purges.apiTimeout())
                        .socketTimeout(purges.apiTimeout()))
                .overrideConfiguration(o -> o
                        .retryPolicy(RetryPolicy.none())
                        .apiCallTimeout(purges.apiTimeout()));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes CloudFrontClient client) {
        client.close();
    }
}

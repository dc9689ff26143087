package io.freshguard.service.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How each sender signs, written independently of the service's own code so the two check each other. */
public final class Signatures {

    public static final String HEROKU_SECRET = "heroku-test-secret";
    public static final String GITHUB_SECRET = "github-test-secret";
    public static final String GENERIC_SECRET = "generic-test-secret";
    public static final String PAPERTRAIL_TOKEN = "papertrail-test-token";
    /** The generic source's second secret, in Standard Webhooks' form. */
    public static final String STANDARD_WEBHOOKS_SECRET = "whsec_c3RhbmRhcmQtd2ViaG9va3MtdGVzdC1rZXk=";
    public static final String CI_TOKEN = "test-ci-token";

    private Signatures() {
    }

    public static String heroku(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(secret, body));
    }

    public static String github(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
    }

    public static String generic(String secret, long unixSeconds, byte[] body) {
        byte[] prefix = (unixSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, signed));
    }

    /** Standard Webhooks' {@code webhook-signature}: {@code v1,} and the base64 HMAC of {@code "id.timestamp.body"}. */
    public static String standardWebhook(String whsecSecret, String id, long unixSeconds, byte[] body) {
        byte[] key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
        byte[] prefix = (id + "." + unixSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, signed));
    }

    private static byte[] hmac(String secret, byte[] body) {
        return hmac(secret.getBytes(StandardCharsets.UTF_8), body);
    }

    private static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

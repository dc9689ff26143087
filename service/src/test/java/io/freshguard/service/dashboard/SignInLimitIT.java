package io.freshguard.service.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.ServiceProcess;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's door through the packaged service: guessing is limited and quiet, and a guessable token never starts. */
class SignInLimitIT {

    static final String DATABASE = "freshguard_signin_it";

    @Test
    void aHundredWrongTokensGet429sAndTwoLogLinesAtMost() throws Exception {
        ServiceProcess.freshDatabase(DATABASE);
        try (ServiceProcess service = new ServiceProcess("signin", DATABASE, 9, Map.of("freshguard.purge.dry-run", "true")).start()) {
            Map<Integer, Integer> codes = new HashMap<>();
            for (int i = 0; i < 100; i++) {
                Response answer = given().redirects().follow(false).formParam("token", "guess-" + i).post(service.url("/sign-in"));
                codes.merge(answer.statusCode(), 1, Integer::sum);
                if (answer.statusCode() == 429) {
                    assertTrue(Integer.parseInt(answer.header("Retry-After")) > 0, answer.headers().toString());
                }
            }
            assertEquals(Map.of(401, 5, 429, 95), codes);
            // while the address is limited, not even the right token is compared
            given().redirects().follow(false).formParam("token", ServiceProcess.AUDIT_TOKEN).post(service.url("/sign-in")).then()
                    .statusCode(429);
            String log = service.log();
            long lines = log.lines().filter(l -> l.contains("Dashboard sign-in")).count();
            assertTrue(lines >= 1 && lines <= 2, "sign-in log lines: " + lines + "\n" + log);
            assertFalse(log.contains("guess-"), "a guessed token is in the log");
        }
    }

    @Test
    void aGuessableTokenStopsStartUpNamingThePropertyNotTheValue() throws Exception {
        ServiceProcess.freshDatabase(DATABASE);
        ServiceProcess weak = new ServiceProcess("signin-weak", DATABASE, 9, Map.of("freshguard.purge.dry-run", "true",
                "freshguard.audit.token", ServiceProcess.AUDIT_TOKEN + ",Summer2026!"));
        try (weak) {
            assertThrows(IllegalStateException.class, weak::start);
            String log = weak.log();
            assertTrue(log.contains("freshguard.audit.token: entry 2 of 2 is too weak"), log);
            assertFalse(log.contains("Summer2026!"), "the weak token is in the log");
        }
    }
}

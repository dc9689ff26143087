package io.freshguard.service.dashboard;

import static io.freshguard.service.fakes.FakeCdnResource.CDN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.AdjustableClock;
import io.freshguard.service.support.GenericWebhooks;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium through chromedriver): sign in with the audit token,
 * watch a stale asset turn fresh after the fix without reloading, open the deploy's timeline, verify the log, sign
 * out. Also the HTTP rules a browser does not show: no page without a session, no form without its CSRF value.
 */
@QuarkusTest
class DashboardTest {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @TestHTTPResource("/")
    URL root;

    @Inject
    AdjustableClock clock;

    @AfterEach
    void restore() {
        clock.reset();
    }

    @Test
    void pagesNeedASessionAndFormsNeedTheirCsrfValue() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/sign-in"));
        given().redirects().follow(false).cookie(DashboardSessions.COOKIE, "9999999999.forged.0000").get("/deploys")
                .then().statusCode(303);
        given().get("/dashboard/cards").then().statusCode(401);
        given().get("/sign-in").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .body(containsString("name=\"token\""));
        given().formParam("token", "wrong").post("/sign-in").then().statusCode(401).body(containsString("not the audit token"));
        given().header("Origin", "https://evil.example").formParam("token", "test-audit-token").post("/sign-in")
                .then().statusCode(403);
        String cookie = given().redirects().follow(false).formParam("token", "test-audit-token").post("/sign-in")
                .then().statusCode(303).header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Strict")).extract().cookie(DashboardSessions.COOKIE);
        given().cookie(DashboardSessions.COOKIE, cookie).get("/").then().statusCode(200).body(containsString("id=\"cards\""));
        given().cookie(DashboardSessions.COOKIE, cookie).formParam("csrf", "guess").post("/audit-log/verify").then().statusCode(403);
        given().cookie(DashboardSessions.COOKIE, cookie).formParam("csrf", "guess").post("/sign-out").then().statusCode(403);
        given().get("/dashboard/dashboard.css").then().statusCode(200).body(containsString(".verdict"));

        // signing out ends the session everywhere: a copy of the cookie no longer opens a page
        String page = given().cookie(DashboardSessions.COOKIE, cookie).get("/").then().statusCode(200).extract().asString();
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(csrf.find(), page);
        given().redirects().follow(false).cookie(DashboardSessions.COOKIE, cookie).formParam("csrf", csrf.group(1))
                .post("/sign-out").then().statusCode(303);
        given().redirects().follow(false).cookie(DashboardSessions.COOKIE, cookie).get("/").then().statusCode(303)
                .header("Location", endsWith("/sign-in"));
    }

    @Test
    void anOperatorSeesAStaleAssetTurnFreshWithoutReloading() throws Exception {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "Debian's chromium and chromium-driver (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.getPath()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("freshguard-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.manage().window().setSize(new Dimension(1280, 1000));
            // the overview swaps its cards in every 3 s: an element found just before a swap is gone just after it
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.ignoring(StaleElementReferenceException.class);
            browser.get(root + "deploys");
            assertTrue(browser.getCurrentUrl().endsWith("/sign-in"), browser.getCurrentUrl());
            browser.findElement(By.id("token")).sendKeys("not-it");
            browser.findElement(By.id("sign-in")).click();
            // the refused sign-in answers with a new page: wait for it rather than find on the old one
            assertTrue(wait.until(d -> d.findElement(By.cssSelector("[role=alert]"))).getText().contains("not the audit token"));
            browser.findElement(By.id("token")).sendKeys("test-audit-token");
            browser.findElement(By.id("sign-in")).click();
            wait.until(d -> d.findElements(By.id("cards")).size() == 1);

            // a deploy whose build the CDN does not serve: STALE once the grace has passed
            String release = "dash-" + System.nanoTime();
            long deploy = GenericWebhooks.deployNow("tagged", release);
            clock.advance(Duration.ofMinutes(16));
            By widget = By.cssSelector("#asset-tagged-widget [data-verdict]");
            wait.until(d -> "STALE".equals(d.findElement(widget).getAttribute("data-verdict")));
            ((JavascriptExecutor) browser).executeScript("window.freshguardNoReload = true;");

            CDN.publish("/tagged/widget.js", "/* widget release=" + release + " */\n");
            CDN.purge("/tagged/*");
            wait.until(d -> "FRESH".equals(d.findElement(widget).getAttribute("data-verdict")));
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.freshguardNoReload === true;"),
                    "the verdict changed in place, without a reload");
            wait.until(d -> d.findElement(By.cssSelector("#site-tagged .chain")).getText().contains(release));
            ((JavascriptExecutor) browser).executeScript("document.getElementById('site-tagged').scrollIntoView();");
            Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(screenshot, Path.of("..", "docs", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);

            wait.until(d -> {
                d.findElement(By.cssSelector("#site-tagged .chain a")).click();
                return true;
            });
            wait.until(d -> d.findElements(By.id("events")).size() == 1);
            assertTrue(browser.getTitle().startsWith("Deploy " + deploy), browser.getTitle());
            String events = browser.findElement(By.id("events")).getText();
            assertTrue(events.contains("RECEIVED") && events.contains("REQUESTED"), events);
            assertTrue(browser.findElement(By.id("batches")).getText().contains("ETAGGEDPROBE"));

            browser.findElement(By.linkText("Audit log")).click();
            // each click answers with a new page: wait for it (the verdict only appears on the page after Verify now)
            wait.until(d -> d.findElement(By.id("verify"))).click();
            String verification = wait.until(d -> d.findElement(By.id("verification"))).getText();
            assertTrue(verification.startsWith("Intact"), verification);

            browser.findElement(By.id("sign-out")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/sign-in"));
            browser.get(root.toString());
            assertTrue(browser.getCurrentUrl().endsWith("/sign-in"), "signed out: the overview asks to sign in again");
        } finally {
            browser.quit();
        }
    }
}

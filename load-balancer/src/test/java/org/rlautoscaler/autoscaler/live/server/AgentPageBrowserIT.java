package org.rlautoscaler.autoscaler.live.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rlautoscaler.autoscaler.agent.headroom.Headroom;
import org.rlautoscaler.common.testing.RequiredTools;

/**
 * The agent's page in a real browser (Debian's Chromium, driven through its chromium-driver):
 * {@code watch} runs the simulated cluster behind it, as a user would start it, and the page is
 * read as a user sees it. The screenshot is left at {@code target/agent-page.png}.
 */
class AgentPageBrowserIT {
    private static final String JAR = System.getProperty("service.jar", "target/load-balancer.jar");
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    /** Generous: the machine may be loaded, and the first start trains the agent. */
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private ChromeDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void the_page_shows_the_agent_deciding_and_survives_a_restart_of_the_server() throws Exception {
        Path chromium = RequiredTools.require("chromium");
        Path driver = RequiredTools.require("chromedriver");
        int port = freePort();
        Process watch = startWatch(port, dir.resolve("watch-1.log"));
        browser = open(chromium, driver);
        browser.get("http://localhost:" + port + "/");

        long firstNewest = waitForDecisions(1);
        int firstRows = rows();
        long laterNewest = waitForDecisions(firstNewest + 5);
        assertTrue(rows() > firstRows || rows() == 200, "the decision rows grow: " + firstRows + " then " + rows());
        assertTrue(laterNewest > firstNewest);
        assertChartHasPoints();
        assertMarkedActionIsTheLastDecisions();
        assertEquals(List.of(), severe(browser.manage().logs().get(LogType.BROWSER).getAll()),
                "no errors in the browser's console");
        screenshot(Path.of("target/agent-page.png"));

        String firstServer = browser.findElement(By.tagName("body")).getAttribute("data-server-started");
        watch.destroy();
        assertTrue(watch.waitFor(60, TimeUnit.SECONDS), "watch stops on SIGTERM");
        waitFor("the page says the server is gone", () ->
                browser.findElement(By.id("status")).getText().startsWith("cannot reach the autoscaler"));

        startWatch(port, dir.resolve("watch-2.log"));
        waitFor("the page follows the new server", () ->
                browser.findElement(By.id("status")).getText().startsWith("ready")
                        && !firstServer.equals(browser.findElement(By.tagName("body")).getAttribute("data-server-started")));
        long restarted = newest();
        waitForDecisions(restarted + 3);
        @SuppressWarnings("unchecked")
        Map<String, Object> table = (Map<String, Object>) script("var rows = document.querySelectorAll('#decisions tr[data-decision]');"
                + "return {count: rows.length, newest: +rows[0].getAttribute('data-decision'),"
                + " oldest: +rows[rows.length - 1].getAttribute('data-decision')};");
        if ((Long) table.get("newest") <= 200) {
            assertEquals(1L, table.get("oldest"), "only the new server's decisions, from its first: " + table);
            assertEquals(table.get("newest"), table.get("count"), "only the new server's decisions: " + table);
        }
        assertChartHasPoints();
        assertMarkedActionIsTheLastDecisions();
        List<String> errors = severe(browser.manage().logs().get(LogType.BROWSER).getAll()).stream()
                .filter(line -> !line.contains("ERR_CONNECTION_REFUSED") && !line.contains("Failed to fetch")).toList();
        assertEquals(List.of(), errors, "no errors in the console but the refused connections while the server was down");
    }

    private Process startWatch(int port, Path log) throws IOException, InterruptedException {
        List<String> command = List.of(JAVA, "-jar", Path.of(JAR).toAbsolutePath().toString(), "watch", "--trace", "nasa",
                "--speed", "60", "--port", Integer.toString(port), "--max-replicas", "6", "--pretrain-episodes", "2000");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        started.add(process);
        String address = "http://localhost:" + port + "/";
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(address)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                fail("watch did not print " + address + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            Thread.sleep(200);
        }
        return process;
    }

    private ChromeDriver open(Path chromium, Path driver) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--window-size=1280,1500",
                "--user-data-dir=" + dir.resolve("profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver.toString()))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Waits until the newest decision row's id is at least {@code id}; returns it. */
    private long waitForDecisions(long id) {
        waitFor("a decision row with id " + id + " or more", () -> newest() >= id);
        return newest();
    }

    private long newest() {
        Object id = script("var row = document.querySelector('#decisions tr[data-decision]');"
                + "return row ? row.getAttribute('data-decision') : '0';");
        return Long.parseLong(id.toString());
    }

    private int rows() {
        return browser.findElements(By.cssSelector("#decisions tr[data-decision]")).size();
    }

    private void assertChartHasPoints() {
        String points = browser.findElement(By.id("chart-load")).getAttribute("data-points");
        assertNotNull(points, "the chart was drawn");
        assertTrue(Integer.parseInt(points) > 0, "the chart has points: " + points);
        assertEquals(2, browser.findElements(By.cssSelector(".chart canvas")).size(), "two charts drawn");
        assertTrue(browser.findElement(By.id("chart-load")).getText().contains("forecast peak (req/s)"),
                "the load chart has the forecast's series");
        Object forecasts = script("var x = new XMLHttpRequest(); x.open('GET', 'api/history', false); x.send();"
                + "return JSON.parse(x.responseText).forecast.filter(function (v) { return v !== null; }).length;");
        assertTrue(((Number) forecasts).longValue() > 0, "qlearning forecast the load, and the page got it: " + forecasts);
    }

    /** The Q-value cell marked as taken names the action of the newest decision row, read in one go. */
    @SuppressWarnings("unchecked")
    private void assertMarkedActionIsTheLastDecisions() {
        Map<String, Object> read = (Map<String, Object>) script(
                "var row = document.querySelector('#decisions tr[data-decision]');"
                        + "var marked = document.querySelectorAll('#values td[data-action][data-chosen]');"
                        + "return {decision: row && row.getAttribute('data-agent-action'), marked: marked.length,"
                        + " action: marked.length ? marked[0].getAttribute('data-action') : null,"
                        + " cells: document.querySelectorAll('#values td[data-action]').length};");
        assertEquals(1L, read.get("marked"), "one action marked: " + read);
        assertEquals((long) Headroom.LADDER.size(), read.get("cells"), "a value for each of qlearning's rungs: " + read);
        assertNotNull(read.get("decision"), "the newest decision names the agent's action: " + read);
        assertEquals(read.get("decision"), read.get("action"), "the marked action is the newest decision's: " + read);
    }

    private static List<String> severe(List<LogEntry> entries) {
        return entries.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .toList();
    }

    private Object script(String javascript) {
        return ((JavascriptExecutor) browser).executeScript(javascript);
    }

    private void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200)).withMessage(what)
                .until(ignored -> condition.getAsBoolean());
    }

    private void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path taken = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

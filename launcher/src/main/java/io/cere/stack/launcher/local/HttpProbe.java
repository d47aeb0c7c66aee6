package io.cere.stack.launcher.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Readiness probes over HTTP: a status code, and whether Flink reports a job as running. */
final class HttpProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(TIMEOUT)
                    .build();

    /**
     * The status of {@code GET url}, or -1 when nothing answers. An interrupt is kept for the
     * caller's next wait to see.
     */
    int status(String url) {
        try {
            return get(url).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Whether Flink's {@code /jobs/overview} at {@code flinkUrl} lists {@code jobName} RUNNING. */
    boolean jobRunning(String flinkUrl, String jobName) {
        try {
            HttpResponse<String> response = get(flinkUrl + "/jobs/overview");
            return response.statusCode() == 200 && isRunning(response.body(), jobName);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean isRunning(String jobsOverview, String jobName) throws IOException {
        JsonNode jobs = JSON.readTree(jobsOverview).path("jobs");
        for (JsonNode job : jobs) {
            if (jobName.equals(job.path("name").asText())
                    && "RUNNING".equals(job.path("state").asText())) {
                return true;
            }
        }
        return false;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

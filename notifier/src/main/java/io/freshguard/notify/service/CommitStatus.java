package io.freshguard.notify.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.freshguard.audit.config.SitesConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A notice as a GitHub commit status {@code freshguard/cdn-fresh} on the deploy's commit
 * ({@code POST /repos/{owner}/{repo}/statuses/{sha}}): pending while the CDN catches up, success once customers get the
 * build, failure when it is refused, error when a later deploy superseded it first.
 */
final class CommitStatus {

    static final String CONTEXT = "freshguard/cdn-fresh";
    /** GitHub's limit on a status description. */
    static final int DESCRIPTION_MAX = 140;
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,40}");

    private CommitStatus() {
    }

    /** Whether a deploy's commit can carry a status (a commit id, not a branch or a tag). */
    static boolean isCommit(String commit) {
        return commit != null && SHA.matcher(commit).matches();
    }

    static HttpRequest request(SitesConfig.NotifyGithub target, String apiUrl, NoticeType type, JsonNode notice, ObjectMapper json,
            Duration timeout) {
        JsonNode data = notice.path("data");
        String description = data.path("summary").asText();
        ObjectNode body = json.createObjectNode().put("state", type.commitState()).put("context", CONTEXT)
                .put("description", description.length() <= DESCRIPTION_MAX ? description
                        : description.substring(0, DESCRIPTION_MAX - 1) + "…");
        if (data.hasNonNull("link")) {
            body.put("target_url", data.get("link").asText());
        }
        URI uri = URI.create(apiUrl.replaceAll("/+$", "") + "/repos/" + target.repository() + "/statuses/"
                + data.path("commit").asText());
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/vnd.github+json")
                .header("Authorization", "Bearer " + target.token())
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "Freshguard")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
    }
}

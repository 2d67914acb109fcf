package io.mosaic.runtime.engine.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.runtime.engine.RunTask;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What a task and its worker process say to each other, one line each way per run. The task writes a request, a JSON
 * object {@code {"label", "folder", "resolvedYaml"}} on one line of the worker's standard input; the worker answers
 * on its standard output with a line {@code mosaic-worker {"outcome": "completed"|"failed"|"stopped", "error": ...}}.
 * Any other line on the worker's output (what a library printed) is not a reply.
 */
public final class WorkerProtocol {
    /** What starts a reply line. */
    public static final String REPLY = "mosaic-worker ";
    /** The longest line either side reads; the rest of a longer one is skipped. */
    public static final int MAX_LINE = 1 << 22;

    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkerProtocol() {
    }

    /** How a run in a worker ended. */
    public enum Outcome { COMPLETED, FAILED, STOPPED }

    /**
     * A worker's answer.
     *
     * @param error the run's error (failed) or why it stopped; {@code null} when it completed
     */
    public record Reply(Outcome outcome, String error) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Reply {
            if (outcome == null || (outcome == Outcome.COMPLETED) != (error == null)) {
                throw new IllegalArgumentException("a completed run's reply has no error, and any other has one");
            }
        }
    }

    public static String request(RunTask task) {
        return JSON.createObjectNode().put("label", task.label()).put("folder", task.folder().toString())
                .put("resolvedYaml", task.resolvedYaml()).toString();
    }

    /**
     * The task a request line asks for.
     *
     * @throws IllegalArgumentException saying what the line lacks, without repeating it
     */
    public static RunTask parseRequest(String line) {
        JsonNode node = object(line, "a request");
        String label = text(node, "label", "a request");
        String folder = text(node, "folder", "a request");
        String yaml = text(node, "resolvedYaml", "a request");
        try {
            Path path = Path.of(folder);
            if (!path.isAbsolute() || path.getParent() == null) {
                throw new IllegalArgumentException("a request's folder must be an absolute path below a runs folder");
            }
            return new RunTask(label, path, yaml);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("a request's folder is not a path: " + e.getReason());
        }
    }

    public static String reply(Reply reply) {
        return REPLY + JSON.createObjectNode().put("outcome", reply.outcome().name().toLowerCase(Locale.ROOT))
                .put("error", reply.error()).toString();
    }

    /**
     * The reply a line of a worker's output holds; empty for a line that is not a reply.
     *
     * @throws IllegalArgumentException for a line that starts as a reply but is not one, saying what it lacks
     */
    public static Optional<Reply> parseReply(String line) {
        if (!line.startsWith(REPLY)) {
            return Optional.empty();
        }
        JsonNode node = object(line.substring(REPLY.length()), "a reply");
        String outcome = text(node, "outcome", "a reply");
        Outcome parsed = switch (outcome) {
            case "completed" -> Outcome.COMPLETED;
            case "failed" -> Outcome.FAILED;
            case "stopped" -> Outcome.STOPPED;
            default -> throw new IllegalArgumentException("a reply's outcome must be completed, failed or stopped");
        };
        JsonNode error = node.get("error");
        if (parsed == Outcome.COMPLETED) {
            if (error != null && !error.isNull()) {
                throw new IllegalArgumentException("a completed run's reply has no error");
            }
            return Optional.of(new Reply(parsed, null));
        }
        return Optional.of(new Reply(parsed, text(node, "error", "a " + outcome + " run's reply")));
    }

    /**
     * The next line of {@code in} without its line end, at most {@link #MAX_LINE} characters (the rest of a longer
     * line is read and dropped); empty at the end of the input.
     */
    public static Optional<String> readLine(Reader in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c = in.read();
        if (c < 0) {
            return Optional.empty();
        }
        while (c >= 0 && c != '\n') {
            if (line.length() < MAX_LINE) {
                line.append((char) c);
            }
            c = in.read();
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return Optional.of(line.toString());
    }

    private static JsonNode object(String text, String what) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(what + " must be one JSON object on one line");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " must be one JSON object on one line; it is not JSON");
        }
    }

    private static String text(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(what + " needs a non-empty text \"" + field + "\"");
        }
        return value.asText();
    }
}
